import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation

/// A scenario ready to run: names resolved to indices, worker instances laid out, and each
/// worker's steps turned into a program. Made only from a `ValidatedScenario`.
public struct CompiledScenario: Sendable {
    public let title: String
    /// The file name used in runtime error locations.
    public let path: String
    /// Every declared object, workers included; an `ObjectID` indexes this array.
    public let objects: [CompiledObject]
    /// Every worker instance, in declaration order; an instance's index is its ID.
    public let instances: [CompiledInstance]
    /// One program per worker, indexed by `CompiledInstance.program`.
    public let programs: [[Instruction]]
    /// The texts of `log` steps.
    public let templates: [Template]
    /// The values of `put` steps that give one.
    public let putValues: [PutValue]
    /// The integer expressions that must be computed when their step runs, indexed by
    /// `Operand.expression` and `Template.Part.expression`.
    public let expressions: [CompiledExpression]
    public let expectations: [(variable: ObjectID, value: Int)]
    public let expectsDeadlock: Bool?
    /// The locks that some `release` step names on its own, outside a `with`. A `with` releases
    /// only what it acquired, so only such a step (or a `with` after one) can release a plain lock
    /// that another instance holds, as threading.Lock allows; the runtime needs to know this before
    /// it calls a wait-for cycle through a plain lock a deadlock.
    public let releasedOutsideWith: Set<ObjectID>
    /// The sets of variables steps read (`Instruction.readSet`), each sorted by object ID.
    public internal(set) var readSets: [[ObjectID]] = []
    /// `gil:` and `gil_interval:`.
    public internal(set) var gil = GILSetting()

    init(
        title: String, path: String, objects: [CompiledObject], instances: [CompiledInstance],
        programs: [[Instruction]], templates: [Template], putValues: [PutValue],
        expectations: [(variable: ObjectID, value: Int)], expectsDeadlock: Bool?, releasedOutsideWith: Set<ObjectID>,
        expressions: [CompiledExpression] = []
    ) {
        self.expressions = expressions
        self.releasedOutsideWith = releasedOutsideWith
        self.templates = templates
        self.putValues = putValues
        self.title = title
        self.path = path
        self.objects = objects
        self.instances = instances
        self.programs = programs
        self.expectations = expectations
        self.expectsDeadlock = expectsDeadlock
    }

    /// "file.yaml:3:7", for runtime error messages.
    public func describe(_ location: SourceLocation) -> String {
        "\(path):\(location.line):\(location.column)"
    }
}

/// An index into `CompiledScenario.objects`.
public typealias ObjectID = Int

public struct CompiledObject: Sendable {
    public let name: String
    public let kind: ObjectKind
    /// For a worker: the IDs of its instances.
    public let instances: [Int]
    /// For a worker: whether it has a `result:` (its futures return a value).
    public var hasResult = false
}

public struct CompiledInstance: Sendable {
    /// `NAME` when the worker has one instance, else `NAME-i`.
    public let name: String
    /// The worker's object ID.
    public let worker: ObjectID
    public let workerName: String
    /// 1-based index among the worker's instances.
    public let index: Int
    public let isDaemon: Bool
    /// Index into `CompiledScenario.programs`.
    public let program: Int
    /// The pool the instance is submitted to, if its worker has one.
    public var pool: ObjectID? = nil
}

/// One instruction of a compiled program, with where its step was written. Instructions hold
/// no references (text lives in `CompiledScenario.templates`), so that threads running the same
/// program never contend on reference counts.
public struct Instruction: Sendable {
    public let operation: Operation
    public let location: SourceLocation
    /// Index into `CompiledScenario.readSets`: the variables this step reads, which the runtime
    /// holds still while it reads them and records the step's event; -1 when it reads none.
    public internal(set) var readSet = -1

    init(operation: Operation, location: SourceLocation) {
        self.operation = operation
        self.location = location
    }
}

/// What an instruction does; names are resolved to object IDs. `with` compiles to `acquire`,
/// its body and `release`; `repeat` to `loopStart`, its body and `loopEnd`.
public enum Operation: Sendable {
    case acquire(ObjectID)
    case release(ObjectID)
    case sleep(nanoseconds: Int64)
    case work(nanoseconds: Int64)
    /// Reads a variable into the instance's register: the first half of `increment` and
    /// `decrement`, which are a read and a separate write, so that an engine that schedules
    /// between instructions can interleave them (the lost update).
    case load(ObjectID)
    /// Writes the register plus `operand` (`increment`, sign +1) or minus it (`decrement`,
    /// sign -1): the second half, always right after a `load` of the same variable.
    case add(ObjectID, Operand, sign: Int)
    case set(ObjectID, Operand)
    /// `value`: an index into `CompiledScenario.putValues`, or nil for the queue's running number.
    case put(ObjectID, value: Int?)
    case get(ObjectID)
    case taskDone(ObjectID)
    case joinQueue(ObjectID)
    case joinWorker(ObjectID)
    case wait(ObjectID)
    /// An index into `CompiledScenario.templates`.
    case log(template: Int)
    /// Starts a `repeat` (nil count: forever); `end` is the index of its `loopEnd`.
    case loopStart(count: Operand?, end: Int)
    /// Ends a round of the `repeat` whose `loopStart` is at `start`.
    case loopEnd(start: Int)
    /// A pooled instance's first instruction: wait for a slot of the pool, then start in it.
    case enterPool(ObjectID)
    /// The task is done: its future gets `result` (if any) and whoever waits for it is woken,
    /// before the `on_done` callback runs. Only in workers with a `result:` or an `on_done:`.
    case complete(result: Operand?)
    /// The `on_done` callback starts (its steps follow).
    case callback
    /// `exit: N`: the process running the task ends with status N (`os._exit(N)`).
    case exit(status: Int)
    /// `as_completed` (in completion order) or `gather` (submission order, once all finished): waits
    /// for the next future of `worker` and runs the body with it, or jumps past `end` when none is left.
    case nextFuture(worker: ObjectID, inSubmissionOrder: Bool, end: Int)
    /// Ends the body of the `as_completed`/`gather` whose `nextFuture` is at `start`.
    case futureEnd(start: Int)
}

/// An integer read when the instruction runs.
public enum Operand: Sendable {
    case literal(Int)
    case variable(ObjectID)
    case index
    case item
    case round
    /// An index into `CompiledScenario.expressions`.
    case expression(Int)
}

public enum PutValue: Sendable {
    case integer(Int)
    case text(Template)
}

/// Text with placeholders resolved to what they read.
public struct Template: Sendable {
    public enum Part: Sendable {
        case text(String)
        case variable(ObjectID)
        case worker
        case index
        case item
        case round
        /// `{future}`: the name of the instance whose future is handled.
        case future
        /// An index into `CompiledScenario.expressions`.
        case expression(Int)
    }

    public let parts: [Part]
}
