import ScenarioDiagnostics
import ScenarioRuntime

/// One parsed line of a timeline file (or one entry of a report's `events`) as an `Event`: the
/// keys `TimelineJSONLinesWriter` writes, with names turned into indices by the caller.
public enum TimelineEventFields {
    /// The event `value` holds, or nil when it has no `seq` (a header, or a line for someone
    /// else: readers skip it).
    /// - Parameters:
    ///   - instance: the index of an instance name, or nil when it is unknown.
    ///   - object: the index of an object name, or nil when it is unknown.
    public static func event(
        from value: JSONValue, line: Int, instance: (String) -> Int32?, object: (String) -> Int32?
    ) throws(TimelineReadError) -> Event? {
        let fail = { (message: String) in TimelineReadError(line: line, message: message) }
        guard let members = value.members else { throw fail("expected a JSON object") }
        guard let seqValue = value["seq"] else { return nil }
        guard let seq = seqValue.integer, seq >= 0 else { throw fail("invalid 'seq': \(describe(seqValue))") }
        var seconds: Double?
        var worker: String?
        var kindName: String?
        var objectNumber: Int32 = -1
        var eventValue = EventValue.none
        var stepLine: Int32 = 0
        var pid: Int32 = 0
        for member in members {
            switch member.key {
            case "t": seconds = member.value.number
            case "worker": worker = member.value.string
            case "event": kindName = member.value.string
            case "object":
                guard let name = member.value.string else { throw fail("'object' must be a name: \(describe(member.value))") }
                guard let found = object(name) else { throw fail("unknown object '\(name.elided)'") }
                objectNumber = found
            case "value":
                switch member.value {
                case .integer(let number): eventValue = .integer(number)
                case .string(let text): eventValue = .text(text)
                default: throw fail("'value' must be an integer or a string")
                }
            case "line":
                // Absent from files written before lines were recorded.
                guard let number = member.value.integer, let line = Int32(exactly: number), line >= 0 else {
                    throw fail("'line' must be a line number: \(describe(member.value))")
                }
                stepLine = line
            case "pid":
                // Only on events of a process pool's child process.
                guard let number = member.value.integer, let id = Int32(exactly: number), id > 0 else {
                    throw fail("'pid' must be a process id: \(describe(member.value))")
                }
                pid = id
            default: break
            }
        }
        guard let seconds else { throw fail("missing or invalid 't'") }
        guard let worker else { throw fail("missing or invalid 'worker'") }
        guard let instanceNumber = instance(worker) else { throw fail("unknown worker '\(worker.elided)'") }
        guard let kindName else { throw fail("missing or invalid 'event'") }
        guard let kind = EventKind(rawValue: kindName) else { throw fail("unknown event '\(kindName.elided)'") }
        var event = Event(
            seq: seq, nanoseconds: JSONBytes.nanoseconds(seconds), instance: instanceNumber, kind: kind,
            object: objectNumber, value: eventValue, line: stepLine)
        event.pid = pid
        return event
    }

    /// A short rendering of a wrong value for messages.
    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .integer(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): "\"\(text.prefix(40))\""
        case .array: "a list"
        case .object: "an object"
        }
    }
}
