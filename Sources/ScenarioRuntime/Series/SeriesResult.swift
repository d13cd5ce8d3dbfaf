/// The distribution of a series' outcomes. Runs are added in run-index order, so the result is
/// the same however many of them ran at once.
public struct SeriesResult: Sendable {
    /// One distinct outcome: how many runs had it, and the first of them.
    public struct OutcomeCount: Sendable, Equatable {
        public var outcome: RunOutcome
        public var runs: Int
        /// The index (from 0) of the first run that had it.
        public var firstRun: Int
        /// That run's seed, when the runtime has seeds (nil for real runs).
        public var seed: UInt64?
        /// The command that replays that run, when the runtime can replay one (nil for real runs).
        public var replay: String?
    }

    /// How many runs were asked for.
    public let requested: Int
    /// How many runs ended and are counted (fewer than `requested` after Ctrl-C).
    public private(set) var runs = 0
    /// Runs per status; a status no run had is absent.
    public private(set) var statuses: [RunStatus: Int] = [:]
    /// One histogram per variable, in declaration order.
    public private(set) var variables: [ValueHistogram] = []
    /// One histogram per queue's final size, in declaration order.
    public private(set) var queues: [ValueHistogram] = []
    /// The distinct outcomes in the order they first appeared, at most `maximumOutcomes`.
    public private(set) var outcomes: [OutcomeCount] = []
    /// Runs whose outcome first appeared after `maximumOutcomes` others.
    public private(set) var otherOutcomeRuns = 0
    /// Whether Ctrl-C stopped the series.
    public internal(set) var interrupted = false
    /// Seconds from the first run's start to the last one's end.
    public internal(set) var duration: Double = 0

    private var outcomeIndex: [RunOutcome: Int] = [:]

    /// The most distinct outcomes kept, each with its first run.
    public static let maximumOutcomes = 1_000

    public init(requested: Int) {
        self.requested = requested
    }

    /// The status of the series: the most severe status of its runs (see `RunStatus.severity`),
    /// `interrupted` when Ctrl-C stopped it, and `ok` when no run ended.
    public var status: RunStatus {
        if interrupted { return .interrupted }
        return statuses.keys.max { $0.severity < $1.severity } ?? .ok
    }

    /// The number of runs that ended with `status`.
    public func runs(with status: RunStatus) -> Int { statuses[status] ?? 0 }

    /// Counts run `index`; runs must come in index order.
    mutating func add(_ outcome: RunOutcome, index: Int, seed: UInt64?, replay: String?) {
        if runs == 0 {
            variables = outcome.variables.map { ValueHistogram(name: $0.name) }
            queues = outcome.queues.map { ValueHistogram(name: $0.name) }
        }
        runs += 1
        statuses[outcome.status, default: 0] += 1
        for (position, variable) in outcome.variables.enumerated() where position < variables.count {
            variables[position].count(variable.value)
        }
        for (position, queue) in outcome.queues.enumerated() where position < queues.count {
            queues[position].count(queue.value)
        }
        if let known = outcomeIndex[outcome] {
            outcomes[known].runs += 1
        } else if outcomes.count < Self.maximumOutcomes {
            outcomeIndex[outcome] = outcomes.count
            outcomes.append(OutcomeCount(outcome: outcome, runs: 1, firstRun: index, seed: seed, replay: replay))
        } else {
            otherOutcomeRuns += 1
        }
    }

    /// The outcomes, most runs first; equal counts in the order they first appeared.
    public var outcomesByRuns: [OutcomeCount] {
        outcomes.enumerated().sorted {
            $0.element.runs != $1.element.runs ? $0.element.runs > $1.element.runs : $0.offset < $1.offset
        }.map(\.element)
    }
}
