import ScenarioRuntime

/// Writes one event as a compact JSON object:
/// `{"seq":0,"t":0.000012,"worker":"first","event":"acquire","object":"left"}`,
/// plus `"value"` (integer or string) when the event carries one.
///
/// The names are escaped once, up front, so each event costs only a few appends.
struct EventJSONEncoder {
    private let workerFields: [[UInt8]]
    private let objectFields: [[UInt8]]
    private let eventFields: [EventKind: [UInt8]]

    /// - Parameters:
    ///   - instances: instance names, indexed by `Event.instance`.
    ///   - objects: object names, indexed by `Event.object`.
    init(instances: [String], objects: [String]) {
        workerFields = instances.map { Self.field(",\"worker\":", $0) }
        objectFields = objects.map { Self.field(",\"object\":", $0) }
        var events: [EventKind: [UInt8]] = [:]
        for kind in EventKind.allCases {
            events[kind] = Self.field(",\"event\":", kind.rawValue)
        }
        eventFields = events
    }

    private static func field(_ key: String, _ value: String) -> [UInt8] {
        Array(key.utf8) + JSONBytes.quoted(value)
    }

    /// Appends the event's JSON object (no trailing newline or comma).
    func append(_ event: Event, to out: inout JSONBytes) {
        out.append("{\"seq\":")
        out.appendInt(event.seq)
        out.append(",\"t\":")
        out.appendSeconds(nanoseconds: event.nanoseconds)
        let instance = Int(event.instance)
        if workerFields.indices.contains(instance) {
            out.append(workerFields[instance])
        } else {
            out.append(",\"worker\":")
            out.appendString("#\(instance)")
        }
        if let field = eventFields[event.kind] {
            out.append(field)
        }
        if event.object >= 0 {
            let object = Int(event.object)
            if objectFields.indices.contains(object) {
                out.append(objectFields[object])
            } else {
                out.append(",\"object\":")
                out.appendString("#\(object)")
            }
        }
        switch event.value {
        case .none:
            break
        case .integer(let number):
            out.append(",\"value\":")
            out.appendInt(number)
        case .text(let text):
            out.append(",\"value\":")
            out.appendString(text)
        }
        out.append("}")
    }
}
