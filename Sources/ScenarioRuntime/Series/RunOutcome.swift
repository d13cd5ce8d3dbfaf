/// What one run of a series ended with, and nothing else: two runs with equal outcomes count as
/// the same result in the distribution. The timeline, the times and the contention statistics
/// are left out, so that a series of any length keeps only one small value per distinct outcome.
public struct RunOutcome: Hashable, Sendable {
    public var status: RunStatus
    /// Final values of the shared variables, in declaration order.
    public var variables: [NamedValue]
    /// Items left in each queue, in declaration order.
    public var queues: [NamedValue]
    /// The `expect` entries that did not hold, in file order: a variable's name, or `deadlock`.
    public var failedExpectations: [String]
    /// For a deadlock, which objects the stuck instances waited for: `a cycle through lock left,
    /// lock right` when they wait for each other's locks, else `waiting for barrier gate`. The
    /// deadlock's kind, the same whichever instances happened to be caught in it.
    public var deadlock: String?
    /// For a runtime error: `location: message`.
    public var error: String?

    public init(
        status: RunStatus, variables: [NamedValue], queues: [NamedValue] = [], failedExpectations: [String] = [],
        deadlock: String? = nil, error: String? = nil
    ) {
        self.status = status
        self.variables = variables
        self.queues = queues
        self.failedExpectations = failedExpectations
        self.deadlock = deadlock
        self.error = error
    }

    /// The outcome of `report`.
    public init(_ report: RunReport) {
        self.init(
            status: report.status, variables: report.variables, queues: report.queues,
            failedExpectations: report.expectations.filter { !$0.ok }.map { $0.isDeadlock ? "deadlock" : $0.variable },
            deadlock: report.deadlock.map(Self.kind), error: report.error.map { "\($0.location): \($0.message)" })
    }

    /// The blocked objects by kind and name, sorted so that the order in which instances
    /// blocked does not matter.
    static func kind(of deadlock: DeadlockReport) -> String {
        let objects = Set(deadlock.objects.map { "\($0.kind) \($0.name)" }).sorted().joined(separator: ", ")
        return (deadlock.cycle.isEmpty ? "waiting for " : "a cycle through ") + objects
    }
}

extension RunStatus {
    /// How bad a run's status is for a series: the series reports the worst status it saw, and
    /// exits as a single run with that status would. A runtime error (the scenario itself is
    /// wrong) comes first, then a deadlock (the run can never end), a time-out (it did not end
    /// in time, perhaps for the same reason), a failed expectation, and ok.
    public var severity: Int {
        switch self {
        case .ok: 0
        case .expectationFailed: 1
        case .timeout: 2
        case .deadlock: 3
        case .error: 4
        case .interrupted: 5
        }
    }

    /// The statuses a finished run can have, in the order a series lists them.
    public static let seriesOrder: [RunStatus] = [.ok, .expectationFailed, .deadlock, .timeout, .error]
}
