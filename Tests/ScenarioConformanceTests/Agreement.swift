import ScenarioRuntime

/// What the runs of one scenario on different engines must have in common, aspect by aspect,
/// as lines of text so that a disagreement reads well in a failure message.
enum Agreement {
    struct Aspect: Equatable {
        var name: String
        /// Compared as a multiset: the order of the lines does not matter.
        var lines: [String]
    }

    /// The aspects of `report` that `leeway` does not let differ.
    static func aspects(of report: RunReport, leeway: Leeway) -> [Aspect] {
        var aspects = [
            Aspect(name: "error", lines: report.error.map { ["\($0.message) at \($0.location)"] } ?? []),
            Aspect(name: "instance ends", lines: report.instances.map { "\($0.name) \($0.status.rawValue)" }),
        ]
        if leeway < .outcomeDependent { aspects.insert(Aspect(name: "status", lines: [report.status.rawValue]), at: 0) }
        if leeway <= .timing {
            aspects += [
                Aspect(name: "variables", lines: report.variables.map { "\($0.name) = \($0.value)" }),
                Aspect(name: "queues", lines: report.queues.map { "\($0.name): \($0.value) left" }),
                Aspect(name: "expectations", lines: report.expectations.map { "\($0.variable) expected \($0.expected), got \($0.actual)" }),
                Aspect(name: "deadlock", lines: report.deadlock.map { $0.waits + $0.cycle } ?? []),
            ]
        }
        if leeway <= .interleaving {
            aspects.append(Aspect(name: "per-instance events", lines: sequences(of: report, withValues: leeway == .none)))
        }
        return aspects
    }

    /// One line per instance: its worker and its events (kind, object, and the value unless
    /// left out), without `block` and the GIL's events, which only say that the instance had to
    /// wait this time.
    static func sequences(of report: RunReport, withValues: Bool) -> [String] {
        var lines = report.instances.map { "\($0.worker):" }
        let waits: Set<EventKind> = [.block, .gilWait, .gilAcquire, .gilRelease]
        for event in report.events where !waits.contains(event.kind) && lines.indices.contains(Int(event.instance)) {
            var text = " " + event.kind.rawValue
            if report.objects.indices.contains(Int(event.object)) { text += " " + report.objects[Int(event.object)].name }
            switch event.value {
            case .integer(let value) where withValues: text += " \(value)"
            case .text(let value) where withValues: text += " \"\(value)\""
            default: break
            }
            lines[Int(event.instance)] += text + ","
        }
        return lines
    }

    /// How `other` differs from `reference` in one aspect, or nil when they agree: the lines
    /// only one of them has (a few of each).
    static func difference(_ reference: Aspect, _ other: Aspect) -> String? {
        var missing: [String: Int] = [:]
        for line in reference.lines { missing[line, default: 0] += 1 }
        var extra: [String] = []
        for line in other.lines {
            if let count = missing[line] {
                missing[line] = count == 1 ? nil : count - 1
            } else {
                extra.append(line)
            }
        }
        guard !missing.isEmpty || !extra.isEmpty else { return nil }
        let only = missing.keys.sorted()
        // Long lines (an instance's events) are shown from a little before where the first two
        // differing ones part.
        let common = zip(only.first ?? "", extra.first ?? "").prefix { $0 == $1 }.count
        let skipped = max(0, common - 120)
        func shown(_ lines: [String]) -> String {
            lines.prefix(3).map { (skipped > 0 ? "…" : "") + $0.dropFirst(skipped).prefix(400) }.joined(separator: " | ")
                + (lines.count > 3 ? " … and \(lines.count - 3) more" : "")
        }
        return "\(reference.name): only the reference has [\(shown(only))], only this one has [\(shown(extra))]"
    }
}
