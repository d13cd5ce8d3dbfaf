import ScenarioRuntime

/// `scenario run --runs N --format json`: the same numbers as the text, as one object (its keys
/// are listed in grammar.md, "Many runs: --runs").
///
///     {"scenario":…,"runtime":…,"executor":…,"jobs":2,"requested":1000,"runs":1000,
///      "interrupted":false,"duration":2.1,"runs_per_second":476.2,"status":"ok",
///      "statuses":{"ok":1000,"expectation_failed":0,"deadlock":0,"timeout":0,"error":0},
///      "variables":[{"name":"counter","values":[{"value":2,"runs":1000}],"other_runs":0}],
///      "queues":[…],"outcomes":[{"runs":1000,"status":"ok","variables":[{"name":"counter","value":2}],
///      "queues":[],"failed_expectations":[],"deadlock":null,"error":null,"first_run":1,
///      "seed":null,"replay":null}],"other_outcome_runs":0}
public struct SeriesJSONRenderer: Sendable {
    public init() {}

    /// The object and a newline.
    public func render(_ result: SeriesResult, info: SeriesInfo) -> String {
        var json = JSONBytes()
        json.append("{\"scenario\":")
        json.appendString(info.scenario)
        json.append(",\"runtime\":")
        json.appendString(info.runtime)
        json.append(",\"executor\":")
        json.appendOptionalString(info.executor)
        json.append(",\"jobs\":")
        json.appendInt(info.jobs)
        json.append(",\"requested\":")
        json.appendInt(result.requested)
        json.append(",\"runs\":")
        json.appendInt(result.runs)
        json.append(",\"interrupted\":")
        json.appendBool(result.interrupted)
        json.append(",\"duration\":")
        json.appendSeconds(result.duration)
        json.append(",\"runs_per_second\":")
        // To a tenth of a run, written as seconds are (no exponent).
        json.appendSeconds(nanoseconds: result.duration > 0 ? Int64((Double(result.runs) / result.duration * 10).rounded()) * 100_000_000 : 0)
        json.append(",\"status\":")
        json.appendString(result.status.rawValue)
        json.append(",\"statuses\":{")
        for (position, status) in RunStatus.seriesOrder.enumerated() {
            if position > 0 { json.append(",") }
            json.appendString(status.rawValue)
            json.append(":")
            json.appendInt(result.runs(with: status))
        }
        json.append("},\"variables\":")
        json.appendHistograms(result.variables)
        json.append(",\"queues\":")
        json.appendHistograms(result.queues)
        json.append(",\"outcomes\":[")
        for (position, entry) in result.outcomesByRuns.enumerated() {
            if position > 0 { json.append(",") }
            json.appendOutcome(entry)
        }
        json.append("],\"other_outcome_runs\":")
        json.appendInt(result.otherOutcomeRuns)
        json.append("}\n")
        return json.string
    }
}

extension JSONBytes {
    /// `[{"name":…,"values":[{"value":…,"runs":…}…],"other_runs":…}…]`, values most runs first.
    fileprivate mutating func appendHistograms(_ histograms: [ValueHistogram]) {
        append("[")
        for (position, histogram) in histograms.enumerated() {
            if position > 0 { append(",") }
            append("{\"name\":")
            appendString(histogram.name)
            append(",\"values\":[")
            for (index, bar) in histogram.bars.enumerated() {
                if index > 0 { append(",") }
                append("{\"value\":")
                appendInt(bar.value)
                append(",\"runs\":")
                appendInt(bar.runs)
                append("}")
            }
            append("],\"other_runs\":")
            appendInt(histogram.otherRuns)
            append("}")
        }
        append("]")
    }

    /// `[{"name":…,"value":…}…]`.
    fileprivate mutating func appendNamedValues(_ values: [NamedValue]) {
        append("[")
        for (position, value) in values.enumerated() {
            if position > 0 { append(",") }
            append("{\"name\":")
            appendString(value.name)
            append(",\"value\":")
            appendInt(value.value)
            append("}")
        }
        append("]")
    }

    /// One distinct outcome; `first_run` counts from 1, as the text does.
    fileprivate mutating func appendOutcome(_ entry: SeriesResult.OutcomeCount) {
        append("{\"runs\":")
        appendInt(entry.runs)
        append(",\"status\":")
        appendString(entry.outcome.status.rawValue)
        append(",\"variables\":")
        appendNamedValues(entry.outcome.variables)
        append(",\"queues\":")
        appendNamedValues(entry.outcome.queues)
        append(",\"failed_expectations\":")
        appendStrings(entry.outcome.failedExpectations)
        append(",\"deadlock\":")
        appendOptionalString(entry.outcome.deadlock)
        append(",\"error\":")
        appendOptionalString(entry.outcome.error)
        append(",\"first_run\":")
        appendInt(entry.firstRun + 1)
        append(",\"seed\":")
        appendOptionalUInt64(entry.seed)
        append(",\"replay\":")
        appendOptionalString(entry.replay)
        append("}")
    }
}
