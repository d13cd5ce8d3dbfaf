import ScenarioRuntime

/// Writes one event as a compact JSON object:
/// `{"seq":0,"t":0.000012,"worker":"first","event":"acquire","object":"left"}`,
/// plus `"value"` (integer or string) when the event carries one, and `"line"` (the step's line in
/// the scenario file) when a step made it. An instance or object index
/// with no name is written as `"#INDEX"`.
///
/// Fast, because a timeline has millions of events: every name is escaped once, up front, into
/// one table of bytes (`EventFieldTable`); an event is written with plain stores at a cursor into
/// a buffer the caller sized with `bound` (no reference counting, no hashing, no formatting by
/// the standard library). One writer serves both inputs: `Event` values, and the store's slots
/// that a streamed run hands over (`EventLineBuffer`), so both give the same bytes.
struct EventJSONEncoder {
    private let fields: EventFieldTable
    /// The most bytes an event with no text value takes, with up to `separatorRoom` bytes of
    /// separators around it.
    let plainBound: Int

    /// Room left for the separators written around each event (`",\n    "`, `"\n"`).
    static let separatorRoom = 8

    /// - Parameters:
    ///   - instances: instance names, indexed by `Event.instance`.
    ///   - objects: object names, indexed by `Event.object`.
    init(instances: [String], objects: [String]) {
        fields = EventFieldTable(instances: instances, objects: objects)
        // `{"seq":` 7 + 20 digits + `,"t":` 5 + 21 + `,"value":` 9 + 20 + `,"line":` 8 + 10 + `,"pid":` 7 + 11 + `}` 1,
        // the names, and
        // the bytes a name's copy may write past its end.
        // Word stores (separators, `seq` digits) may write up to 8 bytes past their end too.
        plainBound = 119 + fields.longestWorker + fields.longestEvent + fields.longestObject + Self.separatorRoom
            + EventFieldTable.overshoot + 8
    }

    /// The most bytes an event with a text value of `textBytes` UTF-8 bytes takes (separators included).
    func bound(textBytes: Int) -> Int { plainBound + 2 + 6 * textBytes }

    /// Writes the event at `cursor`, which has room for `plainBound` bytes, or for a text value
    /// `bound(textBytes:)`; `text` holds the text value's UTF-8 (an empty buffer for other values).
    @inline(__always)
    func write(
        seq: Int, nanoseconds: Int64, instance: Int32, kind: EventKind, object: Int32, line: Int32, valueKind: EventSlot.ValueKind,
        integer: Int64, text: UnsafeBufferPointer<UInt8>, pid: Int32 = 0, at cursor: inout UnsafeMutablePointer<UInt8>
    ) {
        cursor.write("{\"seq\":")
        cursor.writeInteger(Int64(seq))
        writeAfterSeq(
            nanoseconds: nanoseconds, instance: instance, kind: kind, object: object, line: line, valueKind: valueKind, integer: integer,
            text: text, pid: pid, at: &cursor)
    }

    /// As `write(seq:…)`, with the `seq` as the digits of a counter (a batch's events come in `seq` order).
    @inline(__always)
    func write(
        seq: DecimalCounter, nanoseconds: Int64, instance: Int32, kind: EventKind, object: Int32, line: Int32,
        valueKind: EventSlot.ValueKind, integer: Int64, text: UnsafeBufferPointer<UInt8>, pid: Int32 = 0,
        at cursor: inout UnsafeMutablePointer<UInt8>
    ) {
        cursor.write("{\"seq\":")
        seq.write(at: &cursor)
        writeAfterSeq(
            nanoseconds: nanoseconds, instance: instance, kind: kind, object: object, line: line, valueKind: valueKind, integer: integer,
            text: text, pid: pid, at: &cursor)
    }

    @inline(__always)
    private func writeAfterSeq(
        nanoseconds: Int64, instance: Int32, kind: EventKind, object: Int32, line: Int32, valueKind: EventSlot.ValueKind,
        integer: Int64, text: UnsafeBufferPointer<UInt8>, pid: Int32, at cursor: inout UnsafeMutablePointer<UInt8>
    ) {
        cursor.write(",\"t\":")
        cursor.writeSeconds(nanoseconds: nanoseconds)
        fields.writeWorker(instance, at: &cursor)
        fields.writeEvent(kind, at: &cursor)
        if object >= 0 { fields.writeObject(object, at: &cursor) }
        switch valueKind {
        case .none:
            break
        case .integer:
            cursor.write(",\"value\":")
            cursor.writeInteger(integer)
        case .text:
            cursor.write(",\"value\":")
            cursor.writeQuoted(text)
        }
        if line > 0 {
            cursor.write(",\"line\":")
            cursor.writeInteger(Int64(line))
        }
        if pid != 0 {
            cursor.write(",\"pid\":")
            cursor.writeInteger(Int64(pid))
        }
        cursor.write("}")
    }

    /// Appends the event's JSON object (no trailing newline or comma).
    func append(_ event: Event, to out: inout JSONBytes) {
        switch event.value {
        case .none:
            append(event, valueKind: .none, integer: 0, text: UnsafeBufferPointer(start: nil, count: 0), to: &out)
        case .integer(let number):
            append(event, valueKind: .integer, integer: Int64(number), text: UnsafeBufferPointer(start: nil, count: 0), to: &out)
        case .text(var text):
            text.withUTF8 { append(event, valueKind: .text, integer: 0, text: $0, to: &out) }
        }
    }

    private func append(
        _ event: Event, valueKind: EventSlot.ValueKind, integer: Int64, text: UnsafeBufferPointer<UInt8>,
        to out: inout JSONBytes
    ) {
        // On the stack for all but long texts (the standard library moves big ones to the heap).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound(textBytes: text.count)) { buffer in
            guard let start = buffer.baseAddress else { return }
            var cursor = start
            write(
                seq: event.seq, nanoseconds: event.nanoseconds, instance: event.instance, kind: event.kind,
                object: event.object, line: event.line, valueKind: valueKind, integer: integer, text: text, pid: event.pid,
                at: &cursor)
            out.bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: cursor - start))
        }
    }
}
