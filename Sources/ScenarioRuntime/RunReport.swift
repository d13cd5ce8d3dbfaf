/// Everything a run produced: what renderers print and what tests inspect.
public struct RunReport: Sendable {
    public var scenario: String
    /// "threads", "async" or "simulate".
    public var runtime: String
    /// For the async runtime: "loop" (one event-loop thread) or "pool" (Swift's cooperative pool).
    public var executor: String?
    /// For the simulate runtime: the seed of its scheduler (nil when it replays a timeline).
    public var seed: UInt64?
    /// For the simulate runtime: how it chose who goes next: "random", "pct" or "replay".
    public var strategy: String?
    /// For the pct strategy: its depth.
    public var depth: Int?
    public var status: RunStatus
    /// Seconds from start to the end of the run.
    public var duration: Double
    /// Final values of the shared variables, in declaration order.
    public var variables: [NamedValue]
    /// Items left in each queue, in declaration order.
    public var queues: [NamedValue]
    public var expectations: [ExpectationResult]
    /// One entry per instance, in start order; `Event.instance` indexes it.
    public var instances: [InstanceReport]
    /// Every declared object (variables, locks, semaphores, barriers, queues, workers); `Event.object` indexes it.
    public var objects: [ObjectInfo]
    public var deadlock: DeadlockReport?
    public var error: RuntimeFailure?
    /// The whole timeline, ordered by `seq`.
    public var events: Timeline
    /// Per lock and semaphore: acquisitions and waiting.
    public var contention: [ContentionStats]
    /// The futures of workers with a `result:`, in submission order (empty when none has one).
    public var results: [FutureResult] = []
    /// The pools, in declaration order.
    public var pools: [PoolInfo] = []
    /// See `gil` (GILReport.swift).
    var gilReport: GILReport?

    public init(
        scenario: String, runtime: String, executor: String? = nil, status: RunStatus, duration: Double, variables: [NamedValue],
        queues: [NamedValue], expectations: [ExpectationResult], instances: [InstanceReport], objects: [ObjectInfo],
        deadlock: DeadlockReport?, error: RuntimeFailure?, events: Timeline, contention: [ContentionStats]
    ) {
        self.scenario = scenario
        self.runtime = runtime
        self.executor = executor
        self.status = status
        self.duration = duration
        self.variables = variables
        self.queues = queues
        self.expectations = expectations
        self.instances = instances
        self.objects = objects
        self.deadlock = deadlock
        self.error = error
        self.events = events
        self.contention = contention
    }
}

/// How a run ended. Raw values are the JSON `status` strings.
public enum RunStatus: String, Sendable {
    case ok
    case expectationFailed = "expectation_failed"
    case deadlock
    case timeout
    case interrupted
    case error
}

public struct NamedValue: Sendable, Hashable {
    public var name: String
    public var value: Int

    public init(name: String, value: Int) {
        self.name = name
        self.value = value
    }
}

/// One `expect` entry checked against the final state. `deadlock` is reported with 1/0 for true/false
/// in `expected` and `actual`, and `isDeadlock` set.
public struct ExpectationResult: Sendable, Equatable {
    public var variable: String
    public var expected: Int
    public var actual: Int
    public var isDeadlock: Bool

    public init(variable: String, expected: Int, actual: Int, isDeadlock: Bool = false) {
        self.variable = variable
        self.expected = expected
        self.actual = actual
        self.isDeadlock = isDeadlock
    }

    public var ok: Bool { expected == actual }
}

/// An instance of a worker and how it ended.
public struct InstanceReport: Sendable, Equatable {
    public enum Status: String, Sendable {
        case finished, blocked, stopped, failed
    }

    /// `NAME` or `NAME-i`.
    public var name: String
    /// The worker it is an instance of.
    public var worker: String
    /// 1-based index among the worker's instances.
    public var index: Int
    public var isDaemon: Bool
    public var status: Status
    /// For a blocked instance: what it waits for, in words ("lock right, held by second").
    public var waitingFor: String?

    public init(name: String, worker: String, index: Int, isDaemon: Bool, status: Status, waitingFor: String? = nil) {
        self.name = name
        self.worker = worker
        self.index = index
        self.isDaemon = isDaemon
        self.status = status
        self.waitingFor = waitingFor
    }
}

/// A declared object: its name and kind word (`variable`, `lock`, `rlock`, `semaphore`, `barrier`, `queue`, `worker`).
public struct ObjectInfo: Sendable, Equatable {
    public var name: String
    public var kind: String

    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
    }
}

/// Why the stuck instances can never go on. Every list is linear in the number of instances:
/// waits are grouped, lists of names are cut short in the sentences, and `objects` names every
/// waiter and holder once per object for tools.
public struct DeadlockReport: Sendable, Equatable {
    /// One line per group of instances of a worker waiting for the same thing, and who holds it.
    public var waits: [String]
    /// The wait-for cycle through locks, when there is one, as edges in order
    /// ("first holds left, waits for right").
    public var cycle: [String]
    /// Instances still running when the deadlock was decided, and why they cannot help.
    public var running: [String]
    /// Each object someone waits for, with all its waiters and holders.
    public var objects: [BlockedObject]

    public init(waits: [String], cycle: [String], running: [String] = [], objects: [BlockedObject] = []) {
        self.waits = waits
        self.cycle = cycle
        self.running = running
        self.objects = objects
    }

    /// One sentence: the cycle when there is one, else the waits.
    public var summary: String {
        (cycle.isEmpty ? waits : cycle).joined(separator: "; ")
    }
}

/// An object that instances wait for when a run deadlocks.
public struct BlockedObject: Sendable, Equatable {
    public var name: String
    /// `lock`, `rlock`, `semaphore`, `barrier`, `queue` or `worker`.
    public var kind: String
    /// Its state in words: "held 1 time", "0 of 3 permits free", "3 of 4 parties arrived",
    /// "0 items of 2, 0 unfinished", "2 of 3 instances not finished".
    public var state: String
    /// The instances waiting for it, in instance order.
    public var waiting: [String]
    /// Who holds it (lock owner, semaphore holders), has arrived (barrier) or has not finished (worker).
    public var holders: [String]

    public init(name: String, kind: String, state: String, waiting: [String], holders: [String]) {
        self.name = name
        self.kind = kind
        self.state = state
        self.waiting = waiting
        self.holders = holders
    }
}

/// A step that failed at run time, such as releasing a lock that is not locked.
public struct RuntimeFailure: Sendable, Equatable {
    public var message: String
    /// `file:line:col` of the step.
    public var location: String

    public init(message: String, location: String) {
        self.message = message
        self.location = location
    }
}

/// How much a lock or semaphore was fought over.
public struct ContentionStats: Sendable, Equatable {
    public var name: String
    /// `lock`, `rlock` or `semaphore`.
    public var kind: String
    public var acquisitions: Int
    /// Attempts that had to wait: acquisitions that waited, and attempts still waiting when the run ended.
    public var contended: Int
    /// Seconds waited by the acquisitions that waited (not by the attempts still waiting).
    public var totalWait: Double
    public var longestWait: Double
    /// Attempts still waiting when the run ended (after a deadlock, a time-out or an interrupt).
    public var stillWaiting: Int

    public init(
        name: String, kind: String, acquisitions: Int, contended: Int, totalWait: Double, longestWait: Double,
        stillWaiting: Int = 0
    ) {
        self.stillWaiting = stillWaiting
        self.name = name
        self.kind = kind
        self.acquisitions = acquisitions
        self.contended = contended
        self.totalWait = totalWait
        self.longestWait = longestWait
    }
}
