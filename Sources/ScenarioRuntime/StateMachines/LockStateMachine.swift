/// A plain or reentrant lock, as threading.Lock and threading.RLock behave.
///
/// Like every primitive's state machine it holds no lock of its own and never blocks: an engine
/// keeps it behind a mutex, calls a method, and performs the returned action after dropping the
/// mutex (waking a waiter, or parking the caller). Waiters are woken one at a time and try again
/// (barging), which keeps an uncontended acquire cheap; while a woken waiter has not yet tried,
/// releases wake nobody else, so that a busy lock does not wake threads only to send them back
/// to sleep.
public struct LockStateMachine: Sendable {
    public enum AcquireAction: Sendable, Equatable {
        case acquired
        /// The caller must wait; it has been added to the waiters.
        case mustWait(owner: Int)
    }

    public enum ReleaseAction: Sendable, Equatable {
        /// Released; wake this waiter (it will try again), if any.
        case released(wake: Int?)
        /// An rlock still held (its count dropped by one).
        case stillHeld(depth: Int)
        case notLocked
        /// An rlock released by an instance that does not hold it.
        case notOwner(owner: Int)
    }

    private enum State: Sendable {
        case unlocked
        case locked(owner: Int, depth: Int)
    }

    public let isReentrant: Bool
    private var state: State = .unlocked
    private var waiters = WaiterList()
    /// A waiter woken by a release that has not tried again yet.
    private var wokenWaiter: Int?

    public init(reentrant: Bool) {
        self.isReentrant = reentrant
    }

    /// The instance holding the lock, if any.
    public var owner: Int? {
        if case .locked(let owner, _) = state { return owner }
        return nil
    }

    /// How many times the owner holds it (1 for a plain lock).
    public var depth: Int {
        if case .locked(_, let depth) = state { return depth }
        return 0
    }

    public var waiting: [Int] { waiters.all }

    public mutating func acquire(by instance: Int) -> AcquireAction {
        if wokenWaiter == instance { wokenWaiter = nil }
        switch state {
        case .unlocked:
            state = .locked(owner: instance, depth: 1)
            waiters.remove(instance)
            return .acquired
        case .locked(let owner, let depth) where owner == instance && isReentrant:
            state = .locked(owner: owner, depth: depth + 1)
            return .acquired
        case .locked(let owner, _):
            waiters.append(instance)
            return .mustWait(owner: owner)
        }
    }

    /// Python lets any thread release a plain Lock; an RLock only by its owner.
    public mutating func release(by instance: Int) -> ReleaseAction {
        switch state {
        case .unlocked:
            return .notLocked
        case .locked(let owner, _) where isReentrant && owner != instance:
            return .notOwner(owner: owner)
        case .locked(let owner, let depth) where depth > 1:
            state = .locked(owner: owner, depth: depth - 1)
            return .stillHeld(depth: depth - 1)
        case .locked:
            state = .unlocked
            guard wokenWaiter == nil, let next = waiters.popFirst() else { return .released(wake: nil) }
            wokenWaiter = next
            return .released(wake: next)
        }
    }

    /// Forgets a waiter that stopped waiting (the run is ending).
    public mutating func cancel(_ instance: Int) {
        waiters.remove(instance)
        if wokenWaiter == instance { wokenWaiter = nil }
    }
}
