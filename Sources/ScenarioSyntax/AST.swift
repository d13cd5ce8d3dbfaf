import ScenarioDiagnostics

/// A scenario as written: every name, number and step with its position, before any check that
/// needs the whole file (names resolved, kinds matched). `ScenarioValidation` turns it into a
/// `ValidatedScenario`, the only form later stages accept.
public struct ScenarioAST: Sendable {
    public var title: Located<String>?
    public var description: String?
    public var runtime: Located<RuntimeKind>?
    /// Variables, locks, semaphores, barriers and queues, in the order they were written.
    public var declarations: [Declaration] = []
    public var workers: [WorkerDeclaration] = []
    /// Where the `workers` key is, or nil when it is missing.
    public var workersKey: SourceLocation?
    public var expectations: [Expectation] = []
    public var expectsDeadlock: Located<Bool>?
    /// `gil:` and `gil_interval:` (see `ScenarioParser+GIL.swift`).
    public var gil = GILSyntax()

    public init() {}
}

/// Which runtime runs a scenario.
public enum RuntimeKind: String, Sendable, CaseIterable {
    case threads
    case async
    /// The deterministic simulator: one thread, virtual time, a seeded scheduler.
    case simulate
}

/// A shared object declared in one of the top-level sections.
public struct Declaration: Sendable {
    public var name: Located<String>
    public var kind: ObjectKind

    public init(name: Located<String>, kind: ObjectKind) {
        self.name = name
        self.kind = kind
    }
}

/// What a declared name stands for, with its initial value or size.
public enum ObjectKind: Sendable, Equatable {
    case variable(initial: Int)
    case lock
    case rlock
    case semaphore(permits: Int)
    case barrier(parties: Int)
    case queue(capacity: Int)
    case worker
    /// `pools: {name: {kind: threads, size: N}}`: an executor; nil size means the number of cores.
    /// `processes`: `kind: processes`, whose tasks run in processes of their own.
    case pool(size: Int?, processes: Bool)

    /// The noun used in messages: "semaphore", "reentrant lock".
    public var noun: String {
        switch self {
        case .variable: "variable"
        case .lock: "lock"
        case .rlock: "reentrant lock (rlock)"
        case .semaphore: "semaphore"
        case .barrier: "barrier"
        case .queue: "queue"
        case .worker: "worker"
        case .pool: "pool"
        }
    }

    /// "a semaphore", "a reentrant lock (rlock)".
    public var article: String { "a \(noun)" }

    /// The top-level section that declares this kind.
    public var section: String {
        switch self {
        case .variable: "variables"
        case .lock, .rlock: "locks"
        case .semaphore: "semaphores"
        case .barrier: "barriers"
        case .queue: "queues"
        case .worker: "workers"
        case .pool: "pools"
        }
    }
}

/// A worker: a program that runs as one or more instances.
public struct WorkerDeclaration: Sendable {
    public var name: Located<String>
    /// `count:` when written; one instance otherwise.
    public var count: Located<Int>?
    public var isDaemon: Bool
    /// The worker's steps; an `on_done:` callback is the last one, as a `.callback` step.
    public var steps: [Step]
    /// `pool: NAME`: the instances are submitted to this pool at the start.
    public var pool: Reference?
    /// `result: EXPR`: the value each instance's future returns, evaluated when it finishes.
    public var result: Located<IntegerExpression>?

    public init(name: Located<String>, count: Located<Int>? = nil, isDaemon: Bool = false, steps: [Step]) {
        self.name = name
        self.count = count
        self.isDaemon = isDaemon
        self.steps = steps
    }

    public var instanceCount: Int { count?.value ?? 1 }

    /// The `on_done:` callback's steps, when the worker has one.
    public var callback: [Step]? {
        if case .callback(let body)? = steps.last?.action { body } else { nil }
    }

    /// Whether `location` is in the text of this worker rather than copied in by an alias. An
    /// anchor comes before its aliases, so whatever an alias in this worker copies was written
    /// before the worker's name (in a template or in an earlier worker) or inside the worker itself.
    public func isWritten(at location: SourceLocation) -> Bool {
        location >= name.location
    }
}

/// `expect: {name: value}`: a variable's required final value.
public struct Expectation: Sendable {
    public var variable: Located<String>
    public var value: Int

    public init(variable: Located<String>, value: Int) {
        self.variable = variable
        self.value = value
    }
}
