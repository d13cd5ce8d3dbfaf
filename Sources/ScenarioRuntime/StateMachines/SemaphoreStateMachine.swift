/// A counting semaphore, unbounded on release, as threading.Semaphore.
public struct SemaphoreStateMachine: Sendable {
    public enum AcquireAction: Sendable, Equatable {
        case acquired
        case mustWait
    }

    public private(set) var permits: Int
    public let initialPermits: Int
    private var waiters = WaiterList()
    /// Permits each instance has taken and not given back. Python's semaphores have no owners;
    /// this is only for explaining deadlocks ("held by …").
    public private(set) var holders: [Int: Int] = [:]

    public init(permits: Int) {
        self.permits = permits
        self.initialPermits = permits
    }

    public var waiting: [Int] { waiters.all }

    public mutating func acquire(by instance: Int) -> AcquireAction {
        guard permits > 0 else {
            waiters.append(instance)
            return .mustWait
        }
        permits -= 1
        waiters.remove(instance)
        holders[instance, default: 0] += 1
        return .acquired
    }

    /// Gives a permit back and returns the waiter to wake, if any.
    public mutating func release(by instance: Int) -> Int? {
        permits += 1
        if let held = holders[instance] {
            holders[instance] = held > 1 ? held - 1 : nil
        }
        return waiters.popFirst()
    }

    public mutating func cancel(_ instance: Int) {
        waiters.remove(instance)
    }
}
