import ScenarioRendering
import ScenarioRuntime

/// A few events around the first divergence in each run, as swimlanes of the two instances
/// involved, A on the left and B on the right; `▶` marks the two conflicting operations.
/// Each side is drawn by the text timeline's own renderer, so it reads like `scenario run`.
enum SideBySideContext {
    /// Events shown before the divergence's first operation, and from it on.
    static let before = 2
    static let after = 4

    static func render(_ diff: RunDiff, _ divergence: FirstDivergence, width: Int) -> String {
        let instances = [diff.a.events[divergence.aFirst].instance, diff.a.events[divergence.aSecond].instance]
        let side = max(40, (width - 3) / 2 - 2)
        let left = lines(
            diff.a.events, around: divergence.aFirst, marked: [divergence.aFirst, divergence.aSecond],
            instances: instances, names: diff.names, width: side, title: "A: \(diff.a.path)")
        let right = lines(
            diff.b.events, around: divergence.bFirst, marked: [divergence.bFirst, divergence.bSecond],
            instances: instances, names: diff.names, width: side, title: "B: \(diff.b.path)")
        var out = ""
        for row in 0..<max(left.count, right.count) {
            let leftText = row < left.count ? left[row] : ""
            let rightText = row < right.count ? right[row] : ""
            out += trimmed(TextColumns.padded(leftText, to: side + 2) + " ┃ " + rightText) + "\n"
        }
        return out
    }

    /// The title, the column headings and the context lines of one run, each line prefixed by
    /// two cells (`▶ ` on the conflicting operations).
    private static func lines(
        _ events: [Event], around center: Int, marked: Set<Int>, instances: [Int32], names: DiffNames, width: Int,
        title: String
    ) -> [String] {
        let columns = instances.map { DivergenceSentence.name($0, in: names.instances) }
        var renderer = TextTimelineRenderer(
            instances: columns, objects: names.objects.names, useColor: false, maxLines: .max, width: width)
        let involved = events.indices.filter { instances.contains(events[$0].instance) }
        guard let middle = involved.firstIndex(of: center) else { return [] }
        let shown = involved[max(0, middle - before)..<min(involved.count, middle + after)]
        var out = ["  " + TextColumns.truncated(title, to: width)]
        out += renderer.header().split(separator: "\n").map { "  " + $0 }
        for position in shown {
            var event = events[position]
            event.instance = event.instance == instances[0] ? 0 : 1
            let text = renderer.line(for: event) ?? ""
            for (index, line) in text.split(separator: "\n").enumerated() {
                out.append((index == 0 && marked.contains(position) ? "▶ " : "  ") + line)
            }
        }
        return out
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
