/// The instances of one worker, for `join: WORKER`: it returns once every instance has finished.
public struct CompletionStateMachine: Sendable {
    public private(set) var remaining: Int
    private var joiners = WaiterList()

    public init(instances: Int) {
        self.remaining = instances
    }

    public var waiting: [Int] { joiners.all }

    /// One instance finished; returns the joiners to wake when it was the last.
    public mutating func finish() -> [Int] {
        remaining = max(0, remaining - 1)
        return remaining == 0 ? joiners.removeAll() : []
    }

    public mutating func join(by instance: Int) -> Bool {
        joiners.join(instance, isDone: remaining == 0)
    }

    public mutating func cancel(_ instance: Int) {
        joiners.remove(instance)
    }
}
