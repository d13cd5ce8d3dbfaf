/// The instances of one worker, for `join: WORKER` (returns once every instance has finished),
/// `gather` (the same wait) and `as_completed` (returns as each one finishes, in that order).
public struct CompletionStateMachine: Sendable {
    public private(set) var remaining: Int
    /// The instances that finished, in the order they did: what `as_completed` goes through.
    public private(set) var completed: [Int] = []
    private var joiners = WaiterList()
    /// Instances in `as_completed`, waiting for the next one to finish.
    private var followers = WaiterList()

    public init(instances: Int) {
        self.remaining = instances
    }

    public var waiting: [Int] { joiners.all + followers.all }

    /// `instance` finished; returns whom to wake: the followers, and the joiners when it was the last.
    public mutating func finish(_ instance: Int) -> [Int] {
        remaining = max(0, remaining - 1)
        completed.append(instance)
        let woken = followers.removeAll()
        return remaining == 0 ? joiners.removeAll() + woken : woken
    }

    public mutating func join(by instance: Int) -> Bool {
        joiners.join(instance, isDone: remaining == 0)
    }

    /// The `position`-th instance to finish (from 0), or nil after queueing `instance` until one more does.
    public mutating func completion(_ position: Int, awaitedBy instance: Int) -> Int? {
        let isDone = completed.count > position
        _ = followers.join(instance, isDone: isDone)
        return isDone ? completed[position] : nil
    }

    public mutating func cancel(_ instance: Int) {
        joiners.remove(instance)
        followers.remove(instance)
    }
}
