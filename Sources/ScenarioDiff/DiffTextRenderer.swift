import ScenarioDiagnostics
import ScenarioRendering
import ScenarioRuntime

/// `scenario diff` for people: the verdict with the differences in status and final state, the
/// first divergence with its context side by side, then the events only one run has.
public struct DiffTextRenderer: Sendable {
    /// Events listed per instance and side before the rest are only counted.
    public static let samples = 3

    private let paint: TextPaint
    private let width: Int

    /// - Parameter width: the widest a line may be, in terminal cells.
    public init(useColor: Bool, width: Int = TerminalSize.columns()) {
        paint = TextPaint(useColor: useColor)
        self.width = width
    }

    public func render(_ diff: RunDiff) -> String {
        var out = "A: \(describe(diff.a))\nB: \(describe(diff.b))\n"
        if let a = diff.a.scenario, let b = diff.b.scenario, a != b {
            let titles = "'\(TextColumns.sanitized(a).elided)' and '\(TextColumns.sanitized(b).elided)'"
            out += paint.dim("note: A and B are runs of different scenarios, \(titles): compare runs of one scenario") + "\n"
        }
        guard !diff.isSame else {
            let times = diff.timeTolerance.map { "times within \(DurationText.format($0))" } ?? "times ignored"
            return out + paint.green("same") + ": every instance did the same things in the same order (\(times))\n"
        }
        out += paint.red("differ") + "\n"
        if let status = diff.status { out += "  status: A \(status.a), B \(status.b)\n" }
        for difference in diff.state {
            let label = difference.kind == .queue ? "queue \(difference.name)" : difference.name
            let unit = difference.kind == .queue ? " items left" : ""
            out += "  \(TextColumns.sanitized(label)): A \(difference.a), B \(difference.b)\(unit)\n"
        }
        if let divergence = diff.divergence {
            let object = DivergenceSentence.name(divergence.object, in: diff.names.objects)
            let (a, b) = DivergenceSentence.sentences(diff, divergence)
            out += "\n" + paint.bold("first divergence, on \(TextColumns.sanitized(object)):") + "\n"
            out += "  A: \(TextColumns.sanitized(a))\n  B: \(TextColumns.sanitized(b))\n\n"
            out += SideBySideContext.render(diff, divergence, width: width)
        }
        let differing = diff.instances.filter { !$0.isSame }
        if !differing.isEmpty {
            out += "\n" + paint.bold("events only one run has:") + "\n"
            for instance in differing { out += lines(for: instance, in: diff) }
        }
        return out
    }

    /// `run-a.jsonl (timeline, threads, 1,204 events)`, plus the status when known.
    private func describe(_ recording: Recording) -> String {
        var facts = [recording.format.rawValue]
        if let runtime = recording.runtime { facts.append(runtime) }
        if let seed = recording.header?.seed { facts.append("seed \(seed)") }
        let count = recording.events.count
        facts.append("\(GroupedNumber.text(count)) event\(count == 1 ? "" : "s")")
        if let status = recording.status { facts.append("status \(status)") }
        return "\(TextColumns.sanitized(recording.path)) (\(facts.joined(separator: ", ")))"
    }

    private func lines(for instance: InstanceDifference, in diff: RunDiff) -> String {
        let name = TextColumns.sanitized(DivergenceSentence.name(instance.instance, in: diff.names.instances))
        var out = "  \(name): \(GroupedNumber.text(instance.onlyInA)) only in A, \(GroupedNumber.text(instance.onlyInB)) only in B"
        out += instance.isMinimal ? "\n" : paint.dim(" (too many differences to find the fewest: aligned greedily)") + "\n"
        for (side, positions, events) in [("A", instance.onlyInA, diff.a.events), ("B", instance.onlyInB, diff.b.events)] {
            for position in positions.prefix(Self.samples) {
                let event = events[position]
                // Elided: a value may be a log line of megabytes, and this is one line of a list.
                let words = TextColumns.words(event, objects: diff.names.objects.names).elided
                out += "    \(side)  seq \(event.seq) at \(DurationText.format(event.seconds)): \(words)\n"
            }
            if positions.count > Self.samples {
                out += paint.dim("    \(side)  … \(GroupedNumber.text(positions.count - Self.samples)) more") + "\n"
            }
        }
        return out
    }
}

extension GroupedNumber {
    fileprivate static func text(_ positions: [Int]) -> String { text(positions.count) }
}
