/// A cyclic barrier, as threading.Barrier: it opens when `parties` instances have arrived, lets
/// them all through, and starts over.
public struct BarrierStateMachine: Sendable {
    public enum ArriveAction: Sendable, Equatable {
        /// Wait until `generation` has passed.
        case mustWait(generation: Int)
        /// This arrival opened the barrier: everyone in `passing` (the caller last) goes through.
        case opened(generation: Int, passing: [Int])
    }

    public let parties: Int
    /// How many times the barrier has opened.
    public private(set) var generation = 0
    private var arrived: [Int] = []

    public init(parties: Int) {
        self.parties = max(1, parties)
    }

    /// Instances waiting for the current round, in arrival order.
    public var waiting: [Int] { arrived }

    public mutating func arrive(_ instance: Int) -> ArriveAction {
        arrived.append(instance)
        guard arrived.count >= parties else { return .mustWait(generation: generation) }
        let passing = arrived
        arrived = []
        generation += 1
        return .opened(generation: generation - 1, passing: passing)
    }

    /// Whether the round that `generation` named has opened.
    public func hasOpened(_ generation: Int) -> Bool { self.generation > generation }
}
