/// Hands new events to an observer in `seq` order while a run goes on, from its own thread. It
/// delivers the written prefix of the timeline; an event whose `seq` was handed out but not yet
/// written holds back the ones after it until the next pass. Each batch is a view of the store's
/// slots (no event is made for it), handed back to the writers once the observer returns.
final class EventStreamer: Sendable {
    private let recorder: EventRecorder
    private let observer: @Sendable (EventBatch) -> Void
    private let parker: Parker
    private let state = Guarded(State())
    private let thread: Guarded<OSThread?> = Guarded(nil)

    private struct State {
        var nextSeq = 0
        var finished = false
    }

    /// - Parameter parker: where the streaming thread waits between passes; unparking it (as a
    ///   writer that waits for room in the timeline's window does) hurries the next pass.
    init(recorder: EventRecorder, observer: @escaping @Sendable (EventBatch) -> Void, parker: Parker = Parker()) {
        self.recorder = recorder
        self.observer = observer
        self.parker = parker
    }

    /// Polls every `interval` nanoseconds until `finish`.
    func start(interval: Int64 = 25_000_000) {
        let started = OSThread { [self] in
            while !state.withLock({ $0.finished }) {
                deliver(until: nil)
                parker.park(until: monotonicNanoseconds() + interval)
            }
        }
        thread.withLock { $0 = started }
    }

    /// Stops polling and delivers everything left. Call once every writer has stopped.
    func finish() {
        state.withLock { $0.finished = true }
        parker.unpark()
        thread.withLock { $0 }?.join()
        deliver(until: recorder.count)
    }

    /// At most this many events per batch: enough to amortise the observer's call, few enough
    /// that a live timeline keeps up with the run.
    static let batchSize = 4096

    /// Delivers the written events from where the last delivery stopped, in batches; with `end`,
    /// every event before it (every writer has stopped).
    private func deliver(until end: Int?) {
        let store = recorder.store
        var seq = state.withLock { $0.nextSeq }
        while true {
            let limit = min(Self.batchSize, end.map { $0 - seq } ?? Self.batchSize)
            let count = store.writtenRun(from: seq, limit: limit, allWritten: end != nil)
            guard count > 0 else { break }
            observer(EventBatch(store: store, from: seq, count: count))
            seq += count
            store.release(before: seq)
        }
        store.release(before: seq)
        state.withLock { $0.nextSeq = seq }
    }
}
