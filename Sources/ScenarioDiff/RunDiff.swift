import ScenarioRuntime

/// What `scenario diff` found between two runs: the verdict, then what differs, in the order it
/// is printed.
public struct RunDiff: Sendable {
    public var a: Recording
    public var b: Recording
    /// Instance and object names, indexed by the events of both runs.
    public var names: DiffNames
    /// The tolerance on times (`--time`), nil when times are ignored.
    public var timeTolerance: Double?
    /// Both statuses, when both are known and differ.
    public var status: (a: String, b: String)?
    /// Variables and queues whose final value differs (each known in both runs).
    public var state: [StateDifference]
    public var divergence: FirstDivergence?
    /// One entry per instance, in A's order then B's new ones.
    public var instances: [InstanceDifference]

    /// `same` or `differ`.
    public var isSame: Bool {
        status == nil && state.isEmpty && divergence == nil && instances.allSatisfy(\.isSame)
    }
}

/// A variable or queue that ends differently.
public struct StateDifference: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case variable, queue
    }

    public var name: String
    public var kind: Kind
    public var a: Int
    public var b: Int
}

/// How one instance's own events compare.
public struct InstanceDifference: Sendable, Equatable {
    public var instance: Int32
    /// Positions (in the run's events) of the events that only A, only B has.
    public var onlyInA: [Int]
    public var onlyInB: [Int]
    /// False when the alignment had to be greedy (too many differences to find the fewest).
    public var isMinimal: Bool

    public var isSame: Bool { onlyInA.isEmpty && onlyInB.isEmpty }
}
