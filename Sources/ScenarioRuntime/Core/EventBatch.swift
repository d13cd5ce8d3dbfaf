/// Consecutive events of a run, as the runtime's streaming thread hands them to
/// `RunOptions.onEventBatch`: a view of the timeline's own storage, so that nothing is copied or
/// made per event unless the reader asks (its elements, `Event` values, are made as they are read).
///
/// Valid only during the call that receives it: once the call returns, the storage is handed back
/// to the instances for later events. Keep the `Event` values, not the batch.
public struct EventBatch: RandomAccessCollection {
    /// The slots of the events, in `seq` order (one chunk of the store: never split).
    package let slots: UnsafeBufferPointer<EventSlot>
    /// The `seq` of the first event.
    public let startIndex: Int
    /// Where text payloads are kept.
    private let store: EventStore

    init(store: EventStore, from seq: Int, count: Int) {
        self.store = store
        startIndex = seq
        slots = store.slots(from: seq, count: count)
    }

    /// One past the `seq` of the last event.
    public var endIndex: Int { startIndex + slots.count }

    /// The event with this `seq`.
    public subscript(seq: Int) -> Event {
        precondition(seq >= startIndex && seq < endIndex, "seq \(seq) is not in the batch \(startIndex)..<\(endIndex)")
        return slots[seq - startIndex].event(seq: seq, text: store.text, pid: store.pid)
    }

    /// The text value a slot with `valueKind == .text` names by its payload.
    package func text(_ payload: Int64) -> String { store.text(payload) }

    /// The process id a slot's `process` names (for a slot whose `process` is not 0).
    package func pid(of process: UInt16) -> Int32 { store.pid(of: process) }
}
