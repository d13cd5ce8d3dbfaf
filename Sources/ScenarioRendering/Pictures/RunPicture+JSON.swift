import ScenarioRuntime

extension RunPicture {
    /// The picture as one JSON document (picture-format.md), UTF-8. Written by hand, as the
    /// timeline is: a picture has up to `defaultEventLimit` events, and `JSONEncoder` would take
    /// a second over them. One event, span, link or holder per line.
    /// (`HTMLTimelineRenderer` makes it safe inside the page's `<script>` element.)
    public func json() -> [UInt8] {
        var out = JSONBytes(capacity: 64 + events.count * 96 + spans.count * 64)
        out.append("{\"picture\":")
        out.appendInt(Self.version)
        out.appendRunNames(scenario: scenario, file: file, runtime: runtime, executor: executor)
        out.append(",\"status\":")
        out.appendString(status)
        out.append(",\"duration\":")
        out.appendSeconds(duration)
        out.append(",\n\"lanes\":[")
        out.appendElements(lanes, lead: "\n") { lane, out in
            out.append("{\"name\":")
            out.appendString(lane.name)
            out.append(",\"worker\":")
            out.appendString(lane.worker)
            out.append("}")
        }
        out.append("],\n\"objects\":[")
        out.appendElements(objects, lead: "\n") { object, out in
            out.append("{\"name\":")
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
        out.appendElements(links, lead: "\n") { link, out in
            out.append("{\"from\":")
            out.appendInt(link.from)
            out.append(",\"to\":")
            out.appendInt(link.to)
            out.append(",\"object\":")
            out.appendString(link.object)
            out.append("}")
        }
        out.append("],\n\"holders\":[")
        out.appendElements(holders, lead: "\n") { holder, out in
            out.append("{\"object\":")
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
        out.appendElements(state) { entry, out in
            out.append("{\"name\":")
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
            out.appendElements(marks) { mark, out in
                out.append("{\"event\":")
                out.appendInt(mark.event)
                out.append(",\"text\":")
                out.appendString(mark.text)
                out.append("}")
            }
            out.append("]")
        }
        out.append("}\n")
        return out.bytes
    }

    private func appendEvents(to out: inout JSONBytes) {
        // Each name escaped once, not once per event.
        let objectNames = objects.map { JSONBytes.quoted($0.name) }
        let kindNames = Dictionary(uniqueKeysWithValues: EventKind.allCases.map { ($0, JSONBytes.quoted($0.rawValue)) })
        out.appendElements(events, lead: "\n") { event, out in
            out.append("{\"seq\":")
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
        out.appendElements(spans, lead: "\n") { span, out in
            out.append("{\"lane\":")
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
        out.appendElements(levels, lead: "\n") { level, out in
            out.append("{\"object\":")
            out.appendString(level.object)
            out.append(",\"kind\":")
            out.appendString(level.kind)
            out.append(",\"points\":[")
            out.appendElements(level.points) { point, out in
                out.append("[")
                out.appendSeconds(point.time)
                out.append(",")
                out.appendInt(point.level)
                out.append("]")
            }
            out.append("]}")
        }
    }

    private func appendExpectations(to out: inout JSONBytes) {
        out.appendElements(expectations) { result, out in
            out.append("{\"name\":")
            out.appendString(result.isDeadlock ? "deadlock" : result.variable)
            out.appendExpectationOutcome(result)
            out.append("}")
        }
    }

    private func appendDeadlock(to out: inout JSONBytes) {
        guard let deadlock else { return out.append("null") }
        out.append("{\"text\":")
        out.appendString(deadlock.text)
        out.append(",\"cycle\":[")
        out.appendElements(deadlock.cycle) { entry, out in
            out.append("{\"lane\":")
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
