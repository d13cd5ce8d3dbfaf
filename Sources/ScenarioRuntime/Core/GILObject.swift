import Synchronization

/// The run's GIL (`gil: true` or `--gil`): its state machine behind a mutex, and its drop
/// deadline mirrored in an atomic, so that the holder can tell at every step boundary, without
/// the mutex, whether it must drop it (`Int64.max` while nobody waits).
final class GILObject: Sendable {
    private let guarded: Guarded<GILState>
    /// The state, behind its mutex.
    let state: Guarded<GILState>.Handle
    private let deadline = Atomic<Int64>(.max)
    let interval: Int64

    init(interval: Int64, instances: Int) {
        self.interval = interval
        guarded = Guarded(GILState(machine: GILStateMachine(interval: interval), waited: Array(repeating: 0, count: instances)))
        state = guarded.handle
    }

    /// When the holder must drop the GIL (`Int64.max`: not while nobody waits).
    @inline(__always) var dropDeadline: Int64 { deadline.load(ordering: .relaxed) }

    /// Mirrors the machine's drop deadline; called with the mutex held after every change.
    func publish(_ machine: GILStateMachine) {
        deadline.store(machine.dropDeadline ?? .max, ordering: .relaxed)
    }

    /// How long each instance waited for the GIL in all (nanoseconds).
    var waited: [Int64] { state.withLock { $0.waited } }
}

struct GILState: Sendable {
    var machine: GILStateMachine
    /// Each instance's total time waiting for the GIL, saturating.
    var waited: [Int64]
}
