import ScenarioRuntime

extension RunPicture {
    /// The picture as one JSON document (picture-format.md), UTF-8. Written by hand, as the
    /// timeline is: a picture has up to `defaultEventLimit` events, and `JSONEncoder` would take
    /// a second over them. One event, span, link or holder per line.
    /// - Parameter forHTML: escape `<` as `\u003c` (it occurs only inside strings), so that the
    ///   document can sit inside a `<script>` element of a page.
    public func json(forHTML: Bool = false) -> [UInt8] {
        var out = JSONBytes(capacity: 64 + events.count * 96 + spans.count * 64)
        out.append("{\"picture\":")
        out.appendInt(Self.version)
        out.append(",\"scenario\":")
        out.appendString(scenario)
        out.append(",\"file\":")
        out.appendString(file)
        out.append(",\"runtime\":")
        out.appendString(runtime)
        out.append(",\"executor\":")
        out.appendOptionalString(executor)
        out.append(",\"status\":")
        out.appendString(status)
        out.append(",\"duration\":")
        out.appendSeconds(duration)
        out.append(",\n\"lanes\":[")
        for (index, lane) in lanes.enumerated() {
            out.append(index == 0 ? "\n{\"name\":" : ",\n{\"name\":")
            out.appendString(lane.name)
            out.append(",\"worker\":")
            out.appendString(lane.worker)
            out.append("}")
        }
        out.append("],\n\"objects\":[")
        for (index, object) in objects.enumerated() {
            out.append(index == 0 ? "\n{\"name\":" : ",\n{\"name\":")
            out.appendString(object.name)
            out.append(",\"kind\":")
            out.appendString(object.kind)
            out.append("}")
        }
        out.append("],\n\"events\":[")
        appendEvents(to: &out)
        out.append("],\n\"spans\":[")
        appendSpans(to: &out)
        out.append("],\n\"links\":[")
        for (index, link) in links.enumerated() {
            out.append(index == 0 ? "\n{\"from\":" : ",\n{\"from\":")
            out.appendInt(link.from)
            out.append(",\"to\":")
            out.appendInt(link.to)
            out.append(",\"object\":")
            out.appendString(link.object)
            out.append("}")
        }
        out.append("],\n\"holders\":[")
        for (index, holder) in holders.enumerated() {
            out.append(index == 0 ? "\n{\"object\":" : ",\n{\"object\":")
            out.appendString(holder.object)
            out.append(",\"lane\":")
            out.appendInt(holder.lane)
            out.append(",\"from\":")
            out.appendSeconds(holder.from)
            out.append(",\"to\":")
            out.appendSeconds(holder.to)
            out.append("}")
        }
        out.append("],\n\"levels\":[")
        appendLevels(to: &out)
        out.append("],\n\"state\":[")
        for (index, entry) in state.enumerated() {
            out.append(index == 0 ? "{\"name\":" : ",{\"name\":")
            out.appendString(entry.name)
            out.append(",\"value\":")
            out.appendInt(entry.value)
            out.append("}")
        }
        out.append("],\n\"expectations\":[")
        appendExpectations(to: &out)
        out.append("],\n\"deadlock\":")
        appendDeadlock(to: &out)
        out.append(",\n\"shortened\":")
        out.appendOptionalString(shortened)
        out.append(",\n\"error\":")
        out.appendOptionalString(error)
        if !marks.isEmpty {
            out.append(",\n\"marks\":[")
            for (index, mark) in marks.enumerated() {
                out.append(index == 0 ? "{\"event\":" : ",{\"event\":")
                out.appendInt(mark.event)
                out.append(",\"text\":")
                out.appendString(mark.text)
                out.append("}")
            }
            out.append("]")
        }
        out.append("}\n")
        guard forHTML else { return out.bytes }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(out.bytes.count)
        for byte in out.bytes {
            if byte == UInt8(ascii: "<") { escaped.append(contentsOf: Array("\\u003c".utf8)) } else { escaped.append(byte) }
        }
        return escaped
    }

    private func appendEvents(to out: inout JSONBytes) {
        // Each name escaped once, not once per event.
        let objectNames = objects.map { JSONBytes.quoted($0.name) }
        let kindNames = Dictionary(uniqueKeysWithValues: EventKind.allCases.map { ($0, JSONBytes.quoted($0.rawValue)) })
        for (index, event) in events.enumerated() {
            out.append(index == 0 ? "\n{\"seq\":" : ",\n{\"seq\":")
            out.appendInt(event.seq)
            out.append(",\"t\":")
            out.appendSeconds(nanoseconds: event.nanoseconds)
            out.append(",\"lane\":")
            out.appendInt(Int(event.instance))
            out.append(",\"event\":")
            out.append(kindNames[event.kind] ?? [])
            out.append(",\"object\":")
            if objectNames.indices.contains(Int(event.object)) { out.append(objectNames[Int(event.object)]) } else { out.append("null") }
            out.append(",\"value\":")
            switch event.value {
            case .none: out.append("null")
            case .integer(let number): out.appendInt(number)
            case .text(let text): out.appendString(text)
            }
            out.append(",\"line\":")
            out.appendOptionalInt(event.stepLine)
            if event.pid != 0 {
                // A step of a process pool's task, in its own process.
                out.append(",\"pid\":")
                out.appendInt(Int(event.pid))
            }
            out.append("}")
        }
    }

    private func appendSpans(to out: inout JSONBytes) {
        for (index, span) in spans.enumerated() {
            out.append(index == 0 ? "\n{\"lane\":" : ",\n{\"lane\":")
            out.appendInt(span.lane)
            out.append(",\"state\":\"")
            out.append(Array(span.state.rawValue.utf8))
            out.append("\",\"from\":")
            out.appendSeconds(span.from)
            out.append(",\"to\":")
            out.appendSeconds(span.to)
            out.append(",\"object\":")
            out.appendOptionalString(span.object)
            out.append("}")
        }
    }

    private func appendLevels(to out: inout JSONBytes) {
        for (index, level) in levels.enumerated() {
            out.append(index == 0 ? "\n{\"object\":" : ",\n{\"object\":")
            out.appendString(level.object)
            out.append(",\"kind\":")
            out.appendString(level.kind)
            out.append(",\"points\":[")
            for (position, point) in level.points.enumerated() {
                out.append(position == 0 ? "[" : ",[")
                out.appendSeconds(point.time)
                out.append(",")
                out.appendInt(point.level)
                out.append("]")
            }
            out.append("]}")
        }
    }

    private func appendExpectations(to out: inout JSONBytes) {
        for (index, result) in expectations.enumerated() {
            out.append(index == 0 ? "{\"name\":" : ",{\"name\":")
            out.appendString(result.isDeadlock ? "deadlock" : result.variable)
            out.append(",\"expected\":")
            if result.isDeadlock { out.appendBool(result.expected != 0) } else { out.appendInt(result.expected) }
            out.append(",\"actual\":")
            if result.isDeadlock { out.appendBool(result.actual != 0) } else { out.appendInt(result.actual) }
            out.append(",\"ok\":")
            out.appendBool(result.ok)
            out.append("}")
        }
    }

    private func appendDeadlock(to out: inout JSONBytes) {
        guard let deadlock else { return out.append("null") }
        out.append("{\"text\":")
        out.appendString(deadlock.text)
        out.append(",\"cycle\":[")
        for (index, entry) in deadlock.cycle.enumerated() {
            out.append(index == 0 ? "{\"lane\":" : ",{\"lane\":")
            out.appendInt(entry.lane)
            out.append(",\"holds\":")
            out.appendStrings(entry.holds)
            out.append(",\"waits\":")
            out.appendOptionalString(entry.waits)
            out.append("}")
        }
        out.append("]}")
    }
}

extension Event {
    /// The step's line in the scenario file, when the event has one.
    var stepLine: Int? { line > 0 ? Int(line) : nil }
}
