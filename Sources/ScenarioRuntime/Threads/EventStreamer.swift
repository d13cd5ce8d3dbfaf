/// Hands new events to an observer in `seq` order while a run goes on, from its own thread.
/// Buffers are read without stopping their writers; an event whose `seq` was issued but is not
/// yet visible holds back the ones after it until the next pass.
final class EventStreamer: Sendable {
    private let recorder: EventRecorder
    private let observer: @Sendable ([Event]) -> Void
    private let parker = Parker()
    private let state: Guarded<State>
    private let thread: Guarded<OSThread?> = Guarded(nil)

    private struct State {
        var positions: [Int]
        var pending: [Event] = []
        var nextSeq = 0
        var finished = false
    }

    init(recorder: EventRecorder, observer: @escaping @Sendable ([Event]) -> Void) {
        self.recorder = recorder
        self.observer = observer
        self.state = Guarded(State(positions: Array(repeating: 0, count: recorder.buffers.count)))
    }

    /// Polls every `interval` nanoseconds until `finish`.
    func start(interval: Int64 = 25_000_000) {
        let started = OSThread(stackSize: 1 << 20) { [self] in
            while !state.withLock({ $0.finished }) {
                deliver(all: false)
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
        deliver(all: true)
    }

    private func deliver(all: Bool) {
        let ready: [Event] = state.withLock { state in
            for (index, buffer) in recorder.buffers.enumerated() {
                var read = 0
                buffer.read(from: state.positions[index]) { events in
                    state.pending.append(contentsOf: events)
                    read += events.count
                }
                state.positions[index] += read
            }
            state.pending.sort { $0.seq < $1.seq }
            var count = 0
            while count < state.pending.count, all || state.pending[count].seq == state.nextSeq + count {
                count += 1
            }
            let ready = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            state.nextSeq += count
            return ready
        }
        if !ready.isEmpty { observer(ready) }
    }
}
