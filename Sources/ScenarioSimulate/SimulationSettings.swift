import ScenarioRuntime

/// How the simulator chooses which runnable instance takes the next step.
public enum SimulationStrategy: String, Sendable, CaseIterable {
    /// Uniformly at random among the runnable instances, at every step.
    case random
    /// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): random distinct
    /// priorities, the highest-priority runnable instance runs, and `depth - 1` priority change
    /// points at random steps demote the instance that runs there.
    case pct
}

/// What the simulator needs besides the scenario and the run options.
public struct SimulationSettings: Sendable {
    /// Seeds every random choice: the same seed gives the same run.
    public var seed: UInt64
    public var strategy: SimulationStrategy
    /// For `pct`: the depth d, the number of preemptions it aims at plus one (1 to `maximumDepth`).
    public var depth: Int

    /// Seconds of virtual time after which the run times out (nil: `defaultTimeout`). The run
    /// options' time-out stays a real-time guard, for loops that never move the virtual clock.
    public var timeout: Double?
    /// Follow a recorded run instead of choosing (`seed`, `strategy` and `depth` are then unused).
    public var replay: ReplayScript?

    public static let defaultDepth = 3
    /// pct draws d - 1 change points, each kept for the whole run: a depth of millions costs
    /// gigabytes before the first step (and Int.max overflowed the priorities), while the bugs
    /// pct is for need a few preemptions.
    public static let maximumDepth = 10_000
    /// A day of virtual time: as long as the longest `sleep` may be, and far longer than a run
    /// of a real scenario needs.
    public static let defaultTimeout: Double = 86_400

    public init(
        seed: UInt64 = 0, strategy: SimulationStrategy = .random, depth: Int = SimulationSettings.defaultDepth,
        timeout: Double? = nil, replay: ReplayScript? = nil
    ) {
        self.replay = replay
        self.seed = seed
        self.strategy = strategy
        self.depth = min(max(1, depth), Self.maximumDepth)
        self.timeout = timeout
    }
}
