import Synchronization

/// Records the timeline without a global lock: a global atomic counter gives every event its
/// place in the one order of the run, and the event is written straight into that slot. An event
/// about a primitive is recorded while the primitive's mutex is held, so its `seq` follows the
/// order in which the primitive's operations took effect.
/// Sees every event as it is recorded, on the thread that records it: the simulator's replay
/// checks each step against the run it follows.
package protocol RecordObserver: AnyObject, Sendable {
    func recorded(instance: Int, _ kind: EventKind, object: Int, value: EventValue, line: Int32)
}

final class EventRecorder: Sendable {
    private let sequence = Atomic<Int>(0)
    let store: EventStore
    /// Monotonic time of t = 0, written once by the engine before any instance thread passes
    /// the start gate; the gate's mutex orders that write before every read, which makes
    /// nonisolated(unsafe) safe here.
    nonisolated(unsafe) var origin: Int64 = 0
    /// Where event times come from.
    let clock: RunClock
    private let observer: (any RecordObserver)?

    /// - Parameters:
    ///   - streaming: whether events will be read while the run goes on.
    ///   - limit: past about this many events (see `EventStore`), `onLimit` is called once, with
    ///     the exact number, to stop the run: a worker looping without ever waiting records
    ///     millions of events a second, and would exhaust memory long before a time-out.
    ///   - reserve: how many events past the limit are still kept (the end of the run).
    ///   - textLimit: the most bytes of text values the run may make (see `admitText`).
    ///   - clock: where event times come from.
    init(
        streaming: Bool, retention: EventStore.Retention = .all, limit: Int = .max, reserve: Int = 0,
        textLimit: Int = .max, clock: RunClock = .monotonic, onLimit: @escaping @Sendable (Int) -> Void = { _ in },
        onFull: @escaping @Sendable () -> Void = {}, observer: (any RecordObserver)? = nil
    ) {
        self.clock = clock
        self.observer = observer
        store = EventStore(
            tracksWrites: streaming, retention: retention, limit: limit, reserve: reserve, textLimit: textLimit,
            onLimit: onLimit, onFull: onFull)
    }

    /// Whether a new text value fits in the run's budget of text (see `EventStore.admitText`).
    func admitText(_ text: String) -> Bool { store.admitText(text) }

    /// The most bytes of text values the run may make.
    var textLimit: Int { store.textLimit }

    @inline(__always)
    func record(
        instance: Int, _ kind: EventKind, object: Int = -1, value: EventValue = .none, line: Int32 = 0, process: UInt16 = 0
    ) {
        observer?.recorded(instance: instance, kind, object: object, value: value, line: line)
        if store.keepsNothing {
            // Nothing reads the events: only their number is kept.
            sequence.wrappingAdd(1, ordering: .relaxed)
            return
        }
        switch value {
        case .none: record(instance: instance, kind, object: object, payload: 0, valueKind: .none, line: line, process: process)
        case .integer(let number):
            record(instance: instance, kind, object: object, payload: Int64(number), valueKind: .integer, line: line, process: process)
        case .text(let text):
            record(instance: instance, kind, object: object, payload: store.intern(text), valueKind: .text, line: line, process: process)
        }
    }

    @inline(__always)
    func record(
        instance: Int, _ kind: EventKind, object: Int, payload: Int64, valueKind: EventStore.ValueKind, line: Int32 = 0,
        process: UInt16 = 0
    ) {
        let seq = sequence.wrappingAdd(1, ordering: .relaxed).oldValue
        var slot = EventStore.Slot(
            nanoseconds: clock.now - origin, payload: payload, instance: Int32(truncatingIfNeeded: instance),
            object: Int32(truncatingIfNeeded: object), line: line, kind: kind, valueKind: valueKind)
        slot.process = process
        store.store(slot, at: seq)
    }

    /// How many events were recorded (once every recording thread has stopped).
    var count: Int { min(sequence.load(ordering: .acquiring), store.capacity) }

    /// The whole timeline, when the store kept it (else empty); call once every recording thread
    /// has stopped.
    func timeline() -> Timeline { store.retention == .all ? Timeline(store: store, count: count) : [] }
}
