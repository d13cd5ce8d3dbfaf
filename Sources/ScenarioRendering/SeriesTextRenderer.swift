import ScenarioRuntime

/// What a series ran: the scenario, the runtime and how many runs at once.
public struct SeriesInfo: Sendable {
    public var scenario: String
    /// "threads", "async" (or another runtime's name).
    public var runtime: String
    public var executor: String?
    public var jobs: Int

    public init(scenario: String, runtime: String, executor: String? = nil, jobs: Int) {
        self.scenario = scenario
        self.runtime = runtime
        self.executor = executor
        self.jobs = jobs
    }
}

/// `scenario run --runs N` for people: how the runs ended, each variable's final values, and
/// each distinct outcome with its first run.
///
///     Lost update: 1,000 runs on threads, 2 at a time, in 2.1s (476 runs/s)
///     runs
///       ok: 100% (1,000)
///       expectation failed: 0
///       …
///     variables
///       counter = 20000: 61% (610)
///       counter = 19999: 39% (390)
///     outcomes
///       61% (610): ok, counter = 20000
///         first in run 1
///     status: ok
public struct SeriesTextRenderer: Sendable {
    /// Beyond this many values of a variable, the text says how many others there are.
    public static let valuesShown = 10
    /// Beyond this many distinct outcomes, the text says how many others there are.
    public static let outcomesShown = 20

    public init() {}

    public func render(_ result: SeriesResult, info: SeriesInfo, useColor: Bool) -> String {
        let style = TextStyle(useColor: useColor)
        var lines = [headline(result, info)]
        lines += section("runs", RunStatus.seriesOrder.map { statusLine($0, result, style) }, style)
        lines += section("variables", result.variables.flatMap { histogram($0, total: result.runs, unit: nil) }, style)
        lines += section("queues", result.queues.flatMap { histogram($0, total: result.runs, unit: "left") }, style)
        lines += section("outcomes", outcomes(result, style), style)
        lines.append(style.bold("status:") + " " + word(result.status, style))
        return lines.map { $0 + "\n" }.joined()
    }

    private func headline(_ result: SeriesResult, _ info: SeriesInfo) -> String {
        let runtime = info.executor.map { "\(info.runtime) (\($0))" } ?? info.runtime
        let rate = result.duration > 0 ? " (\(TextCell.grouped(Int((Double(result.runs) / result.duration).rounded()))) runs/s)" : ""
        let count = result.interrupted
            ? "interrupted after \(TextCell.grouped(result.runs)) of \(TextCell.grouped(result.requested)) runs"
            : "\(TextCell.grouped(result.runs)) run\(result.runs == 1 ? "" : "s")"
        return "\(clean(info.scenario)): \(count) on \(runtime), \(TextCell.grouped(info.jobs)) at a time, in \(DurationText.format(result.duration))\(rate)"
    }

    private func section(_ title: String, _ lines: [String], _ style: TextStyle) -> [String] {
        lines.isEmpty ? [] : [style.bold(title)] + lines.map { "  " + $0 }
    }

    private func statusLine(_ status: RunStatus, _ result: SeriesResult, _ style: TextStyle) -> String {
        let runs = result.runs(with: status)
        let name = status.rawValue.replacingOccurrences(of: "_", with: " ")
        guard runs > 0 else { return "\(name): 0" }
        return "\(status == .ok ? style.green(name) : style.red(name)): \(Self.share(runs, of: result.runs))"
    }

    /// `counter = 2: 61% (610)`, most runs first, then `… 3 other values (12 runs)`.
    private func histogram(_ histogram: ValueHistogram, total: Int, unit: String?) -> [String] {
        let bars = histogram.bars
        let name = clean(histogram.name)
        var lines = bars.prefix(Self.valuesShown).map { bar in
            let value = unit.map { "\(name): \(bar.value) \($0)" } ?? "\(name) = \(bar.value)"
            return "\(value): \(Self.share(bar.runs, of: total))"
        }
        let others = bars.dropFirst(Self.valuesShown)
        let otherRuns = others.reduce(0) { $0 + $1.runs } + histogram.otherRuns
        if otherRuns > 0 {
            let count = TextCell.grouped(others.count) + (histogram.otherRuns > 0 ? "+" : "")
            lines.append("… \(count) other values: \(Self.share(otherRuns, of: total))")
        }
        return lines
    }

    /// Each distinct outcome, most runs first, with the first run that had it.
    private func outcomes(_ result: SeriesResult, _ style: TextStyle) -> [String] {
        let all = result.outcomesByRuns
        var lines: [String] = []
        for entry in all.prefix(Self.outcomesShown) {
            lines.append("\(Self.share(entry.runs, of: result.runs)): \(describe(entry.outcome, style))")
            let seed = entry.seed.map { " (seed \($0))" } ?? ""
            let replay = entry.replay.map { ": " + clean($0) } ?? ""
            lines.append("  first in run \(TextCell.grouped(entry.firstRun + 1))\(seed)\(replay)")
        }
        let others = all.dropFirst(Self.outcomesShown)
        let otherRuns = others.reduce(0) { $0 + $1.runs } + result.otherOutcomeRuns
        if otherRuns > 0 {
            let count = TextCell.grouped(others.count) + (result.otherOutcomeRuns > 0 ? "+" : "")
            lines.append("… \(count) other outcomes: \(Self.share(otherRuns, of: result.runs)) (all of them: --format json)")
        }
        return lines
    }

    /// `expectation failed (counter), counter = 1`.
    private func describe(_ outcome: RunOutcome, _ style: TextStyle) -> String {
        var head = word(outcome.status, style)
        var details = outcome.failedExpectations.map(clean)
        if let deadlock = outcome.deadlock { details.append(clean(deadlock)) }
        if let error = outcome.error { details.append(clean(error)) }
        if !details.isEmpty { head += " (" + details.joined(separator: "; ") + ")" }
        let state = outcome.variables.map { "\(clean($0.name)) = \($0.value)" }
            + outcome.queues.map { "\(clean($0.name)): \($0.value) left" }
        return ([head] + state).joined(separator: ", ")
    }

    private func word(_ status: RunStatus, _ style: TextStyle) -> String {
        let name = status.rawValue.replacingOccurrences(of: "_", with: " ")
        return switch status {
        case .ok: style.green(name)
        case .interrupted: style.yellow(name)
        default: style.red(name)
        }
    }

    /// `61% (610)`; a share that rounds to 0% or 100% without being it says `<1%` or `>99%`.
    static func share(_ runs: Int, of total: Int) -> String {
        let percent = total > 0 ? Int((Double(runs) * 100 / Double(total)).rounded()) : 0
        let text = switch percent {
        case 0 where runs > 0: "<1%"
        case 100 where runs < total: ">99%"
        default: "\(percent)%"
        }
        return "\(text) (\(TextCell.grouped(runs)))"
    }

    private func clean(_ text: String) -> String { TextCell.sanitized(text) }
}
