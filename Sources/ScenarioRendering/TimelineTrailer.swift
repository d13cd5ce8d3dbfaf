import ScenarioRuntime

/// The last line of a `--timeline` file: the run's JSON report (as `--format json` writes it,
/// without its `events`, which are the lines above it) under the key `report`, on one line, so
/// that a saved run has its final state, expectations and deadlock:
///
///     {"report":{"scenario":"Counter","runtime":"threads",…,"status":"ok","duration":0.0021,…}}
///
/// It has no `seq`, so readers that know nothing of it skip it, as they skip the header.
public enum TimelineTrailer {
    /// The trailer line for a finished run, ending in a newline.
    public static func line(for report: RunReport) -> [UInt8] {
        var out = JSONBytes()
        JSONReportHead(
            scenario: report.scenario, runtime: report.runtime, executor: report.executor, seed: report.seed,
            strategy: report.strategy, depth: report.depth, withEvents: false
        ).append(to: &out)
        JSONReportRenderer.appendTail(of: report, hadEvents: false, withEvents: false, to: &out)
        // One line: a newline and the indentation after it are layout (a newline inside a string is escaped).
        var line: [UInt8] = Array("{\"report\":".utf8)
        line.reserveCapacity(out.bytes.count + 12)
        var skippingIndent = false
        for byte in out.bytes {
            if byte == UInt8(ascii: "\n") {
                skippingIndent = true
            } else if skippingIndent, byte == UInt8(ascii: " ") {
                continue
            } else {
                skippingIndent = false
                line.append(byte)
            }
        }
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    /// The report a trailer line holds, with the header's objects (a report does not list them);
    /// nil when the line is not a trailer.
    public static func report(_ line: JSONValue, header: TimelineHeader?) -> RunReport? {
        guard let value = line["report"], value.members != nil else { return nil }
        func names(_ key: String) -> [NamedValue] {
            (value[key]?.members ?? []).compactMap { member in member.value.integer.map { NamedValue(name: member.key, value: $0) } }
        }
        let expectations = (value["expectations"]?.elements ?? []).compactMap(expectation)
        let instances = (value["workers"]?.elements ?? []).compactMap(instance)
        var report = RunReport(
            scenario: value["scenario"]?.string ?? header?.scenario ?? "", runtime: value["runtime"]?.string ?? "",
            executor: value["executor"]?.string, status: value["status"]?.string.flatMap(RunStatus.init(rawValue:)) ?? .ok,
            duration: value["duration"]?.number ?? 0, variables: names("variables"), queues: names("queues"),
            expectations: expectations, instances: instances, objects: header?.objects ?? [],
            deadlock: value["deadlock"].flatMap(deadlock), error: value["error"].flatMap(failure), events: [],
            contention: [])
        report.seed = value["seed"]?.integer.flatMap { UInt64(exactly: $0) }
        report.strategy = value["strategy"]?.string
        report.depth = value["depth"]?.integer
        return report
    }

    private static func expectation(_ value: JSONValue) -> ExpectationResult? {
        guard let variable = value["variable"]?.string else { return nil }
        func number(_ key: String) -> (Int, Bool)? {
            switch value[key] {
            case .integer(let number): (number, false)
            case .bool(let flag): (flag ? 1 : 0, true)
            default: nil
            }
        }
        guard let expected = number("expected"), let actual = number("actual") else { return nil }
        return ExpectationResult(variable: variable, expected: expected.0, actual: actual.0, isDeadlock: expected.1)
    }

    private static func instance(_ value: JSONValue) -> InstanceReport? {
        guard let name = value["name"]?.string else { return nil }
        return InstanceReport(
            name: name, worker: value["worker"]?.string ?? name, index: value["index"]?.integer ?? 1,
            isDaemon: value["daemon"] == .bool(true),
            status: value["status"]?.string.flatMap(InstanceReport.Status.init(rawValue:)) ?? .finished,
            waitingFor: value["waiting_for"]?.string)
    }

    private static func strings(_ value: JSONValue?) -> [String] { (value?.elements ?? []).compactMap(\.string) }

    private static func deadlock(_ value: JSONValue) -> DeadlockReport? {
        guard value.members != nil else { return nil }
        let objects = (value["objects"]?.elements ?? []).compactMap { object -> BlockedObject? in
            guard let name = object["name"]?.string else { return nil }
            return BlockedObject(
                name: name, kind: object["kind"]?.string ?? "", state: object["state"]?.string ?? "",
                waiting: strings(object["waiting"]), holders: strings(object["holders"]))
        }
        return DeadlockReport(
            waits: strings(value["waits"]), cycle: strings(value["cycle"]), running: strings(value["running"]), objects: objects)
    }

    private static func failure(_ value: JSONValue) -> RuntimeFailure? {
        guard let message = value["message"]?.string else { return nil }
        return RuntimeFailure(message: message, location: value["location"]?.string ?? "")
    }
}
