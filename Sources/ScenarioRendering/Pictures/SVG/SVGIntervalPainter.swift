/// Paints back-to-back intervals, as the page does: each one wide enough is drawn itself; runs
/// of narrower ones become 1-pixel columns, each the colour of the key that fills most of it
/// (adjacent columns of one key become one rectangle). So a lane of 100,000 spans costs at most
/// a rectangle per pixel.
struct SVGIntervalPainter {
    struct Interval {
        var from: Double
        var to: Double
        /// What colours it when merged (a state, a lane).
        var key: Int
        /// Its index, handed back to `wide`.
        var index: Int
    }

    let left: Double
    let right: Double
    let x: (Double) -> Double

    /// `items` sorted by `from`; `wide(index, x0, x1)` draws one interval, `narrow(key, x0, x1)` a merged run.
    func paint(_ items: [Interval], wide: (Int, Double, Double) -> Void, narrow: (Int, Double, Double) -> Void) {
        var column = Int.min
        var weights: [(key: Int, weight: Double)] = []
        var run: (key: Int, x0: Double, x1: Double)?
        func flushRun() {
            if let current = run { narrow(current.key, current.x0, current.x1) }
            run = nil
        }
        func flushColumn() {
            guard !weights.isEmpty else { return }
            // The first key of the heaviest weight: ties resolve the same way every time.
            var best = weights[0]
            for entry in weights.dropFirst() where entry.weight > best.weight { best = entry }
            let c = Double(column)
            if let current = run, current.key == best.key, current.x1 >= c {
                run = (current.key, current.x0, c + 1)
            } else {
                flushRun()
                run = (best.key, c, c + 1)
            }
            weights = []
        }
        for item in items {
            let x0 = max(left, x(item.from)), x1 = min(right, x(item.to))
            if x1 < left || x1 < x0 { continue }
            if x1 - x0 >= 1.5 {
                flushColumn()
                flushRun()
                wide(item.index, x0, x1)
            } else {
                let c = Int(x0.rounded(.down))
                if c != column {
                    flushColumn()
                    column = c
                }
                let weight = max(x1 - x0, 0.001)
                if let found = weights.firstIndex(where: { $0.key == item.key }) {
                    weights[found].weight += weight
                } else {
                    weights.append((item.key, weight))
                }
            }
        }
        flushColumn()
        flushRun()
    }
}
