/// An event as the timeline stores it: its `seq` is its index in the store. 32 bytes and no
/// references, so that storing one copies plain memory; a text value lives in the store's list of
/// texts, and the slot holds its index there.
///
/// `package`, so that encoders read the events of a batch (`EventBatch`) straight from the storage
/// the instances wrote, rather than from `Event` values made for them.
package struct EventSlot {
    /// Nanoseconds since the run started.
    package var nanoseconds: Int64
    /// The integer value, or the index of the text value in the store.
    package var payload: Int64
    /// Index into `RunReport.instances`.
    package var instance: Int32
    /// Index into `RunReport.objects`, or -1.
    package var object: Int32
    /// The line of the step that made the event in the scenario file, or 0 when no step did
    /// (`start`, `submit`, `finish`, `stopped`). It fits in the padding: the slot stays 32 bytes.
    package var line: Int32
    package var kind: EventKind
    package var valueKind: ValueKind
    /// The process that took the step: 0 for the run's own, else an index into the store's list
    /// of process ids (`EventStore.pid(of:)`); it fits in the padding too.
    package var process: UInt16 = 0

    /// What `payload` holds.
    package enum ValueKind: UInt8 {
        case none, integer, text
    }

    package init(
        nanoseconds: Int64, payload: Int64, instance: Int32, object: Int32, line: Int32 = 0, kind: EventKind, valueKind: ValueKind
    ) {
        self.line = line
        self.nanoseconds = nanoseconds
        self.payload = payload
        self.instance = instance
        self.object = object
        self.kind = kind
        self.valueKind = valueKind
    }

    /// The event this slot holds, as the event with this `seq`; `text` gives a text payload's value.
    @inline(__always)
    func event(seq: Int, text: (Int64) -> String, pid: (UInt16) -> Int32) -> Event {
        let value: EventValue = switch valueKind {
        case .none: .none
        case .integer: .integer(Int(payload))
        case .text: .text(text(payload))
        }
        var event = Event(seq: seq, nanoseconds: nanoseconds, instance: instance, kind: kind, object: object, value: value, line: line)
        if process != 0 { event.pid = pid(process) }
        return event
    }
}
