import ScenarioRuntime

extension RunPicture {
    /// A deadlock as a picture draws it: the report's explanation, and the instances of the
    /// wait-for cycle (each waits for something that the next one holds). When the instances wait
    /// without a cycle (for a queue no one will fill, a barrier too few reach), every waiting
    /// instance is listed instead.
    static func deadlock(_ report: DeadlockReport, lanes: [Lane]) -> Deadlock {
        var laneIndex: [String: Int] = [:]
        for (index, lane) in lanes.enumerated() where laneIndex[lane.name] == nil { laneIndex[lane.name] = index }
        var waits: [String: String] = [:]
        var holds: [String: [String]] = [:]
        var holdersOf: [String: [String]] = [:]
        for object in report.objects {
            for waiter in object.waiting where waits[waiter] == nil { waits[waiter] = object.name }
            holdersOf[object.name] = object.holders
            if ["lock", "rlock", "semaphore"].contains(object.kind) {
                for holder in object.holders { holds[holder, default: []].append(object.name) }
            }
        }
        let waiting = report.objects.flatMap(\.waiting).filter { laneIndex[$0] != nil }
        let members = Self.cycle(from: waiting) { name in
            waits[name].map { holdersOf[$0] ?? [] } ?? []
        } ?? Self.unique(waiting)
        let cycle = members.compactMap { name in
            laneIndex[name].map { CycleEntry(lane: $0, holds: holds[name] ?? [], waits: waits[name]) }
        }
        let text = (report.cycle + report.waits + report.running).joined(separator: "\n")
        return Deadlock(text: text, cycle: cycle)
    }

    /// The first cycle found by following `next` from the starts, in order; nil when there is none.
    private static func cycle(from starts: [String], next: (String) -> [String]) -> [String]? {
        var done: Set<String> = []
        for start in starts where !done.contains(start) {
            // Depth first, without recursion: a path, and the holders still to try at each step.
            var path: [String] = [start]
            var onPath: [String: Int] = [start: 0]
            var pending: [[String]] = [next(start)]
            while let last = pending.last {
                guard let candidate = last.first else {
                    pending.removeLast()
                    if let left = path.popLast() {
                        onPath[left] = nil
                        done.insert(left)
                    }
                    continue
                }
                pending[pending.count - 1].removeFirst()
                if let position = onPath[candidate] { return Array(path[position...]) }
                if done.contains(candidate) { continue }
                onPath[candidate] = path.count
                path.append(candidate)
                pending.append(next(candidate))
            }
        }
        return nil
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
