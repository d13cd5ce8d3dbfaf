/// CPython's global interpreter lock, as the "new GIL" of CPython 3.2+ behaves: one holder at a
/// time; waiters queue in arrival order; once a waiter has waited a switch interval
/// (`sys.getswitchinterval()`), the holder is asked to drop it (`dropDeadline`) and does at its
/// next step boundary, or in the middle of a `work` step.
///
/// A release hands the GIL straight to the first waiter (as CPython's forced switching does:
/// the thread that dropped it cannot take it back before another thread ran), which also keeps
/// a switch deterministic under the simulator. So the GIL is never free while someone waits.
///
/// Like every primitive's state machine it holds no lock of its own and never blocks: the
/// interpreter keeps it behind a mutex, calls a method, and wakes the returned waiter after
/// dropping the mutex.
public struct GILStateMachine: Sendable {
    public enum AcquireAction: Sendable, Equatable {
        /// The caller holds the GIL (it was free, or a release handed it over).
        case acquired
        /// The caller must wait; it has been queued.
        case mustWait(holder: Int)
    }

    private enum State: Sendable {
        case free
        case held(by: Int)
    }

    /// The switch interval, in nanoseconds.
    public let interval: Int64
    private var state: State = .free
    private var waiters = WaiterList()
    /// When the holder must drop the GIL: a switch interval after the first of the current
    /// waiters began to wait for this holder; nil while nobody waits.
    public private(set) var dropDeadline: Int64?

    public init(interval: Int64) {
        self.interval = interval
    }

    /// The instance holding the GIL, if any.
    public var holder: Int? {
        if case .held(let holder) = state { return holder }
        return nil
    }

    /// The instances waiting for it, in arrival order.
    public var waiting: [Int] { waiters.all }

    /// Takes the GIL at time `now`, or queues the caller. Asking again while queued keeps the
    /// caller's place (a spurious wake-up retries).
    public mutating func acquire(by instance: Int, now: Int64) -> AcquireAction {
        switch state {
        case .free:
            state = .held(by: instance)
            return .acquired
        case .held(let holder) where holder == instance:
            return .acquired
        case .held(let holder):
            waiters.append(instance)
            if dropDeadline == nil { dropDeadline = now + interval }
            return .mustWait(holder: holder)
        }
    }

    /// Whether the holder `instance` must drop the GIL at time `now`: someone has waited a whole
    /// switch interval. Never when nobody waits, however long it has held it.
    public func mustDrop(_ instance: Int, now: Int64) -> Bool {
        guard holder == instance, let dropDeadline else { return false }
        return now >= dropDeadline
    }

    /// Releases the GIL held by `instance` at time `now` and returns the waiter it was handed to,
    /// to wake, if any. A release by an instance that does not hold it changes nothing.
    public mutating func release(by instance: Int, now: Int64) -> Int? {
        guard holder == instance else { return nil }
        guard let next = waiters.popFirst() else {
            state = .free
            dropDeadline = nil
            return nil
        }
        state = .held(by: next)
        // The others now wait for the new holder: its interval starts now.
        dropDeadline = waiters.isEmpty ? nil : now + interval
        return next
    }

    /// Forgets a waiter that stopped waiting (the run is ending).
    public mutating func cancel(_ instance: Int) {
        waiters.remove(instance)
        if waiters.isEmpty { dropDeadline = nil }
    }
}
