import ScenarioRuntime

/// A run as Chrome Trace Event JSON (`--trace FILE`), for ui.perfetto.dev and chrome://tracing,
/// drawn from its `RunPicture`:
///
/// - process 1, named after the scenario; one thread (track) per instance: `tid` = lane + 1,
///   named by `thread_name` metadata and kept in lane order by `thread_sort_index`;
/// - a complete slice (`X`) for each span (running, blocked, sleeping, working, gil, queued), its
///   object in `args`;
/// - an instant event (`i`, thread-scoped) for every other event (acquire, release, put, get, log,
///   …) with its object, value, `seq` and the step's line in `args`;
/// - a flow arrow (`s` → `f`, both bound to their enclosing slice with `bp: "e"`) along each link
///   from the event that ended a wait to the event that ended it;
/// - counters (`C`): each semaphore's permits in use, each queue's size, each variable's value.
///
/// Timestamps are microseconds since the run began, with nanosecond decimals. Events are written
/// in time order, so every track's timestamps only grow.
public enum ChromeTrace {
    /// The trace as UTF-8 JSON.
    public static func json(_ picture: RunPicture) -> [UInt8] {
        var records: [Record] = []
        records.reserveCapacity(picture.events.count * 2 + picture.spans.count + 16)
        addMetadata(picture, to: &records)
        for span in picture.spans { records.append(slice(span)) }
        let objectNames = picture.objects.map { JSONBytes.quoted($0.name) }
        for event in picture.events where !drawnAsSpan.contains(event.kind) {
            records.append(instant(event, objectNames: objectNames))
        }
        for (index, link) in picture.links.enumerated() {
            records.append(flow(picture.events[link.from], phase: "s", id: index + 1, name: link.object))
            records.append(flow(picture.events[link.to], phase: "f", id: index + 1, name: link.object))
        }
        for level in picture.levels {
            let (name, key): (String, StaticString) = level.kind == "semaphore"
                ? ("\(level.object) permits in use", "in_use") : ("\(level.object) size", "size")
            for point in level.points {
                records.append(counter(name: name, key: key, value: point.level, at: JSONBytes.nanoseconds(point.time)))
            }
        }
        addVariableCounters(picture, to: &records)
        // In time order; at one instant, metadata, then slices, counters, instants and flows, each
        // in the order made.
        for index in records.indices { records[index].order = index }
        records.sort { ($0.nanoseconds, $0.rank, $0.order) < ($1.nanoseconds, $1.rank, $1.order) }

        var out = JSONBytes(capacity: records.count * 120)
        out.append("{\"displayTimeUnit\":\"ms\",\"otherData\":{\"scenario\":")
        out.appendString(picture.scenario)
        out.append(",\"file\":")
        out.appendString(picture.file)
        out.append(",\"runtime\":")
        out.appendString(picture.runtime)
        out.append(",\"status\":")
        out.appendString(picture.status)
        out.append(",\"shortened\":")
        out.appendOptionalString(picture.shortened)
        out.append("},\n\"traceEvents\":[")
        for (index, record) in records.enumerated() {
            out.append(index == 0 ? "\n" : ",\n")
            out.append(record.bytes)
        }
        out.append("\n]}\n")
        return out.bytes
    }

    /// Events that open or close a span: the slice shows them.
    private static let drawnAsSpan: Set<EventKind> = [.block, .sleep, .wake, .work, .workEnd, .gilWait, .gilAcquire]

    private struct Record {
        var nanoseconds: Int64
        var rank: Int
        var order: Int
        var bytes: [UInt8]
    }

    private static func record(_ nanoseconds: Int64, rank: Int, _ write: (inout JSONBytes) -> Void) -> Record {
        var out = JSONBytes()
        write(&out)
        return Record(nanoseconds: max(0, nanoseconds), rank: rank, order: 0, bytes: out.bytes)
    }

    private static func addMetadata(_ picture: RunPicture, to records: inout [Record]) {
        records.append(record(0, rank: 0) { out in
            out.append("{\"name\":\"process_name\",\"ph\":\"M\",\"ts\":0,\"pid\":1,\"tid\":0,\"args\":{\"name\":")
            out.appendString(picture.scenario.isEmpty ? "scenario" : picture.scenario)
            out.append("}}")
        })
        for (index, lane) in picture.lanes.enumerated() {
            records.append(record(0, rank: 0) { out in
                out.append("{\"name\":\"thread_name\",\"ph\":\"M\",\"ts\":0,\"pid\":1,\"tid\":")
                out.appendInt(index + 1)
                out.append(",\"args\":{\"name\":")
                out.appendString(lane.name)
                out.append("}}")
            })
            records.append(record(0, rank: 0) { out in
                out.append("{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"ts\":0,\"pid\":1,\"tid\":")
                out.appendInt(index + 1)
                out.append(",\"args\":{\"sort_index\":")
                out.appendInt(index + 1)
                out.append("}}")
            })
        }
    }

    private static func slice(_ span: RunPicture.Span) -> Record {
        let start = JSONBytes.nanoseconds(span.from)
        return record(start, rank: 1) { out in
            out.append("{\"name\":")
            out.appendString(span.object.map { "\(span.state.rawValue) on \($0)" } ?? span.state.rawValue)
            out.append(",\"cat\":\"")
            out.append(Array(span.state.rawValue.utf8))
            out.append("\",\"ph\":\"X\",\"ts\":")
            out.appendMicroseconds(start)
            out.append(",\"dur\":")
            out.appendMicroseconds(max(0, JSONBytes.nanoseconds(span.to) - start))
            out.append(",\"pid\":1,\"tid\":")
            out.appendInt(span.lane + 1)
            if let object = span.object {
                out.append(",\"args\":{\"object\":")
                out.appendString(object)
                out.append("}")
            }
            out.append("}")
        }
    }

    private static func instant(_ event: Event, objectNames: [[UInt8]]) -> Record {
        record(event.nanoseconds, rank: 3) { out in
            let hasObject = objectNames.indices.contains(Int(event.object))
            out.append("{\"name\":\"")
            out.append(Array(event.kind.rawValue.utf8))
            if hasObject {
                out.append(" ")
                // The quoted name without its quotes.
                out.append(Array(objectNames[Int(event.object)].dropFirst().dropLast()))
            }
            out.append("\",\"cat\":\"event\",\"ph\":\"i\",\"s\":\"t\",\"ts\":")
            out.appendMicroseconds(event.nanoseconds)
            out.append(",\"pid\":1,\"tid\":")
            out.appendInt(Int(event.instance) + 1)
            out.append(",\"args\":{\"seq\":")
            out.appendInt(event.seq)
            if hasObject {
                out.append(",\"object\":")
                out.append(objectNames[Int(event.object)])
            }
            switch event.value {
            case .none: break
            case .integer(let number):
                out.append(",\"value\":")
                out.appendInt(number)
            case .text(let text):
                out.append(",\"value\":")
                out.appendString(text)
            }
            if let line = event.stepLine {
                out.append(",\"line\":")
                out.appendInt(line)
            }
            out.append("}}")
        }
    }

    private static func flow(_ event: Event, phase: StaticString, id: Int, name: String) -> Record {
        record(event.nanoseconds, rank: phase.utf8Start.pointee == UInt8(ascii: "s") ? 4 : 5) { out in
            out.append("{\"name\":")
            out.appendString("unblocks via \(name)")
            out.append(",\"cat\":\"unblock\",\"ph\":\"")
            out.append(phase)
            out.append("\",\"id\":")
            out.appendInt(id)
            out.append(",\"bp\":\"e\",\"ts\":")
            out.appendMicroseconds(event.nanoseconds)
            out.append(",\"pid\":1,\"tid\":")
            out.appendInt(Int(event.instance) + 1)
            out.append("}")
        }
    }

    private static func counter(name: String, key: StaticString, value: Int, at nanoseconds: Int64) -> Record {
        record(nanoseconds, rank: 2) { out in
            out.append("{\"name\":")
            out.appendString(name)
            out.append(",\"ph\":\"C\",\"ts\":")
            out.appendMicroseconds(nanoseconds)
            out.append(",\"pid\":1,\"args\":{\"")
            out.append(key)
            out.append("\":")
            out.appendInt(value)
            out.append("}}")
        }
    }

    /// Each variable's value as a counter, from the events that read or write it.
    private static func addVariableCounters(_ picture: RunPicture, to records: inout [Record]) {
        for event in picture.events {
            guard picture.objects.indices.contains(Int(event.object)), picture.objects[Int(event.object)].kind == "variable",
                case .integer(let value) = event.value
            else { continue }
            switch event.kind {
            case .increment, .decrement, .set:
                records.append(counter(name: picture.objects[Int(event.object)].name, key: "value", value: value, at: event.nanoseconds))
            default: break
            }
        }
    }
}

extension JSONBytes {
    /// Nanoseconds as microseconds with up to 3 decimals: `12`, `12.5`, `0.001`.
    mutating func appendMicroseconds(_ nanoseconds: Int64) {
        let value = max(0, nanoseconds)
        appendInt64(value / 1000)
        var fraction = value % 1000
        guard fraction != 0 else { return }
        append(UInt8(ascii: "."))
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var scale: Int64 = 1
        for _ in 1..<digits { scale *= 10 }
        while scale > 0 {
            append(UInt8(ascii: "0") &+ UInt8(fraction / scale % 10))
            scale /= 10
        }
    }
}
