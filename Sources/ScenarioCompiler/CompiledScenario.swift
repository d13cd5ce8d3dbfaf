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
    public let expectations: [(variable: ObjectID, value: Int)]
    public let expectsDeadlock: Bool?

    init(
        title: String, path: String, objects: [CompiledObject], instances: [CompiledInstance],
        programs: [[Instruction]], expectations: [(variable: ObjectID, value: Int)], expectsDeadlock: Bool?
    ) {
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
}

/// One step of a compiled program, with where it was written.
public struct Instruction: Sendable {
    public let operation: Operation
    public let location: SourceLocation
}

/// What an instruction does; names are resolved to object IDs.
public indirect enum Operation: Sendable {
    case acquire(ObjectID)
    case release(ObjectID)
    case with(ObjectID, body: [Instruction])
    case sleep(nanoseconds: Int64)
    case work(nanoseconds: Int64)
    /// `increment` (sign +1) and `decrement` (sign -1).
    case add(ObjectID, Operand, sign: Int)
    case set(ObjectID, Operand)
    case put(ObjectID, PutValue?)
    case get(ObjectID)
    case taskDone(ObjectID)
    case joinQueue(ObjectID)
    case joinWorker(ObjectID)
    case wait(ObjectID)
    case log(Template)
    /// nil count: forever.
    case loop(count: Operand?, body: [Instruction])
}

/// An integer read when the instruction runs.
public enum Operand: Sendable {
    case literal(Int)
    case variable(ObjectID)
    case index
    case item
    case round
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
    }

    public let parts: [Part]
}
