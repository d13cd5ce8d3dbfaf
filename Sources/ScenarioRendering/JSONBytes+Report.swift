import ScenarioRuntime

/// The small report objects, as compact JSON.
extension JSONBytes {
    /// `{"variable":…,"expected":…,"actual":…,"ok":…}`; for the deadlock entry, expected and actual are booleans.
    mutating func appendExpectation(_ result: ExpectationResult) {
        append("{\"variable\":")
        appendString(result.variable)
        appendExpectationOutcome(result)
        append("}")
    }

    /// `,"expected":…,"actual":…,"ok":…` (booleans for the deadlock entry), shared by the report
    /// and the picture.
    mutating func appendExpectationOutcome(_ result: ExpectationResult) {
        append(",\"expected\":")
        if result.isDeadlock { appendBool(result.expected != 0) } else { appendInt(result.expected) }
        append(",\"actual\":")
        if result.isDeadlock { appendBool(result.actual != 0) } else { appendInt(result.actual) }
        append(",\"ok\":")
        appendBool(result.ok)
    }

    /// `{"name":…,"status":…,"worker":…,"index":…,"daemon":…}`, plus `waiting_for` when known.
    mutating func appendInstance(_ instance: InstanceReport) {
        append("{\"name\":")
        appendString(instance.name)
        append(",\"status\":")
        appendString(instance.status.rawValue)
        append(",\"worker\":")
        appendString(instance.worker)
        append(",\"index\":")
        appendInt(instance.index)
        append(",\"daemon\":")
        appendBool(instance.isDaemon)
        if let waitingFor = instance.waitingFor {
            append(",\"waiting_for\":")
            appendString(waitingFor)
        }
        append("}")
    }

    /// A compact array of strings.
    /// `{"name":…,"kind":…,"state":…,"waiting":[…],"holders":[…]}`, for a deadlock's objects.
    mutating func appendBlockedObject(_ object: BlockedObject) {
        append("{\"name\":")
        appendString(object.name)
        append(",\"kind\":")
        appendString(object.kind)
        append(",\"state\":")
        appendString(object.state)
        append(",\"waiting\":")
        appendStrings(object.waiting)
        append(",\"holders\":")
        appendStrings(object.holders)
        append("}")
    }

    mutating func appendStrings(_ strings: [String]) {
        append("[")
        for (index, text) in strings.enumerated() {
            if index > 0 { append(",") }
            appendString(text)
        }
        append("]")
    }
}
