import ScenarioRuntime

/// The end of a run in words: final state, expectations, deadlock, error, unfinished workers,
/// then the status line and per-lock contention. This is all `--quiet` prints.
///
///     state
///       counter = 2
///     expectations
///       ✓ counter = 2
///     status: ok in 12ms
///       lock mutex: 2 acquisitions, 1 contended, waited 1.2ms in total, longest 1.2ms
public struct TextSummaryRenderer: Sendable {
    public init() {}

    /// The summary, each line ending in a newline.
    public func render(_ report: RunReport, useColor: Bool) -> String {
        let style = TextStyle(useColor: useColor)
        var lines: [String] = []
        lines += section("state", state(of: report), style)
        lines += section("pools", report.pools.flatMap(pool), style)
        lines += section("results", report.results.map(result), style)
        lines += section("expectations", report.expectations.map { expectation($0, style) }, style)
        lines += deadlock(report.deadlock, style)
        if let failure = report.error {
            // The compiler format, so that editors can jump to the step.
            lines.append(clean(failure.location) + ": " + style.red("runtime error:") + " " + clean(failure.message))
        }
        // After a deadlock its explanation already says what each blocked instance waits for.
        lines += section("workers", unfinished(report.instances, explained: report.deadlock != nil, style), style)
        lines.append(status(of: report, style))
        lines += report.contention.map { "  " + contention($0) }
        if let gil = report.gil { lines.append("  " + gilLine(gil, instances: report.instances)) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A bold title and its indented lines, or nothing when there are no lines.
    private func section(_ title: String, _ lines: [String], _ style: TextStyle) -> [String] {
        lines.isEmpty ? [] : [style.bold(title)] + lines.map { "  " + $0 }
    }

    /// "procs: 2 processes", and for a process pool each process's copy of the variables.
    private func pool(_ pool: PoolInfo) -> [String] {
        let head = String(pool.summary.dropFirst(5))
        guard let processes = pool.processes else { return [head] }
        guard processes.contains(where: { !$0.variables.isEmpty }) else { return [head] }
        let copies = processes.count == 1 ? "with its own copy" : "each with its own copy"
        return [head + ", \(copies) of the variables (the state above is the parent's):"]
            + processes.map { process in
                "  executor-\(process.slot) (pid \(process.pid)): "
                    + process.variables.map { "\(clean($0.name)) = \($0.value)" }.joined(separator: ", ")
            }
    }

    /// "task-3 = 9 (done 1st)": the value and the place in completion order.
    private func result(_ result: FutureResult) -> String {
        if let failure = result.failure { return "\(clean(result.instance)): failed (\(failure))" }
        guard let value = result.value, let rank = result.completed else { return "\(clean(result.instance)): not done" }
        let suffix = (rank % 100) / 10 == 1 ? "th" : [1: "st", 2: "nd", 3: "rd"][rank % 10] ?? "th"
        return "\(clean(result.instance)) = \(value) (done \(rank)\(suffix))"
    }

    private func state(of report: RunReport) -> [String] {
        report.variables.map { "\(clean($0.name)) = \($0.value)" }
            + report.queues.map { "\(clean($0.name)): \(count($0.value, "item")) left" }
    }

    private func expectation(_ result: ExpectationResult, _ style: TextStyle) -> String {
        let mark = result.ok ? style.green("✓") : style.red("✗")
        let text: String
        switch (result.isDeadlock, result.expected != 0, result.actual != 0) {
        case (true, true, true): text = "deadlock (expected)"
        case (true, false, false): text = "no deadlock (as expected)"
        case (true, false, true): text = "deadlock, expected none"
        case (true, true, false): text = "no deadlock, expected one"
        case (false, _, _):
            let name = clean(result.variable)
            text = result.ok ? "\(name) = \(result.actual)" : "\(name) = \(result.actual), expected \(result.expected)"
        }
        return "\(mark) \(text)"
    }

    /// The cycle edges, then who waits for what (grouped, at most `waitLinesShown` lines), then
    /// the instances still running that cannot help.
    private func deadlock(_ deadlock: DeadlockReport?, _ style: TextStyle) -> [String] {
        guard let deadlock else { return [] }
        var waits = deadlock.waits.prefix(Self.waitLinesShown).map(clean)
        if deadlock.waits.count > waits.count {
            waits.append("… and \(TextCell.grouped(deadlock.waits.count - waits.count)) more waits (all of them: --format json)")
        }
        var running = deadlock.running.prefix(Self.waitLinesShown).map(clean)
        if deadlock.running.count > running.count {
            running.append("… and \(TextCell.grouped(deadlock.running.count - running.count)) more still running (all of them: --format json)")
        }
        let lines = deadlock.cycle.map { "cycle: " + clean($0) } + waits + running
        return [style.red("deadlock")] + lines.map { "  " + $0 }
    }

    /// Beyond this many groups of waits (or of instances still running), the text says how many
    /// more there are.
    static let waitLinesShown = 20
    /// Beyond this many lines of unfinished instances, the text says how many more there are.
    static let groupLinesShown = 20

    /// Instances that did not finish: `daemon processor: stopped`, `first: blocked, waiting for …`.
    /// Instances of one worker that ended the same way share a line, so that the list stays short
    /// however many instances there are: `daemon processor: stopped`,
    /// `999,999 instances of w: blocked (w-1, w-2, w-3 … and 999,996 more)`.
    private func unfinished(_ instances: [InstanceReport], explained: Bool, _ style: TextStyle) -> [String] {
        var order: [String] = []
        var groups: [String: [InstanceReport]] = [:]
        for instance in instances where instance.status != .finished {
            let waiting = explained ? "" : instance.waitingFor ?? ""
            let key = "\(instance.worker)\u{0}\(instance.status.rawValue)\u{0}\(waiting)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(instance)
        }
        var lines = order.prefix(Self.groupLinesShown).compactMap { key -> String? in
            guard let members = groups[key], let first = members.first else { return nil }
            let daemon = first.isDaemon ? "daemon " : ""
            var status = first.status.rawValue
            if first.status == .blocked || first.status == .failed { status = style.red(status) }
            if !explained, let waitingFor = first.waitingFor { status += ", waiting for " + clean(waitingFor) }
            guard members.count > 1 else { return "\(daemon)\(clean(first.name)): \(status)" }
            let shown = members.prefix(3).map { clean($0.name) }.joined(separator: ", ")
            let more = members.count > 3 ? " … and \(TextCell.grouped(members.count - 3)) more" : ""
            return "\(TextCell.grouped(members.count)) \(daemon)instances of \(clean(first.worker)): \(status) (\(shown)\(more))"
        }
        if order.count > lines.count {
            lines.append("… and \(TextCell.grouped(order.count - lines.count)) more groups (all of them: --format json)")
        }
        return lines
    }

    private func status(of report: RunReport, _ style: TextStyle) -> String {
        let word = report.status.rawValue
        let shown = switch report.status {
        case .ok: style.green(word)
        case .interrupted: style.yellow(word)
        case .expectationFailed, .deadlock, .timeout, .error: style.red(word)
        }
        return style.bold("status:") + " \(shown) in \(DurationText.format(report.duration))" + simulation(of: report)
    }

    /// ` (virtual time, seed 7, strategy pct, depth 3)` for a simulated run: what makes it the
    /// same run again.
    private func simulation(of report: RunReport) -> String {
        guard let strategy = report.strategy else { return "" }
        var parts = ["virtual time"]
        if let seed = report.seed { parts.append("seed \(seed)") }
        parts.append("strategy \(clean(strategy))")
        if let depth = report.depth { parts.append("depth \(depth)") }
        return " (" + parts.joined(separator: ", ") + ")"
    }

    /// `lock left: 10,000 acquisitions, 9,435 contended, waited 1.2ms in total, longest 1.2ms`:
    /// every count with the same thousands separator.
    private func contention(_ stats: ContentionStats) -> String {
        let head = "\(stats.kind) \(clean(stats.name)): \(count(stats.acquisitions, "acquisition"))"
        guard stats.contended > 0 else { return head + ", none contended" }
        let waiting = stats.stillWaiting > 0 ? " (\(TextCell.grouped(stats.stillWaiting)) still waiting)" : ""
        return head + ", \(TextCell.grouped(stats.contended)) contended\(waiting), waited \(DurationText.format(stats.totalWait)) in total, "
            + "longest \(DurationText.format(stats.longestWait))"
    }

    /// `GIL (switch interval 5ms): waited 1.0s in all (cruncher-1 502ms, cruncher-2 498ms)`: each
    /// instance's total wait for the GIL, the longest first, at most `gilInstancesShown` of them.
    private func gilLine(_ gil: GILReport, instances: [InstanceReport]) -> String {
        let head = "GIL (switch interval \(DurationText.format(gil.interval))): waited \(DurationText.format(gil.totalWaited)) in all"
        let waits = gil.waited.indices.filter { gil.waited[$0] > 0 && instances.indices.contains($0) }
            .sorted { gil.waited[$0] > gil.waited[$1] }
        guard !waits.isEmpty else { return head }
        let shown = waits.prefix(Self.gilInstancesShown).map { "\(clean(instances[$0].name)) \(DurationText.format(gil.waited[$0]))" }
        let more = waits.count > shown.count ? ", … and \(TextCell.grouped(waits.count - shown.count)) more" : ""
        return head + " (" + shown.joined(separator: ", ") + more + ")"
    }

    static let gilInstancesShown = 4

    private func count(_ number: Int, _ noun: String) -> String {
        "\(TextCell.grouped(number)) \(noun)\(number == 1 ? "" : "s")"
    }

    private func clean(_ text: String) -> String { TextCell.sanitized(text) }
}
