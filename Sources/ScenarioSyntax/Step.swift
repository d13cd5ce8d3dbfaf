import ScenarioDiagnostics

/// One step of a worker's program, located at its verb.
public struct Step: Sendable {
    public var action: StepAction
    public var location: SourceLocation

    public init(_ action: StepAction, at location: SourceLocation) {
        self.action = action
        self.location = location
    }
}

/// A name written where a declared object is expected, such as the `counter` of `increment: counter`.
public typealias Reference = Located<String>

/// What a step does. Each case mirrors one verb of the language.
public indirect enum StepAction: Sendable {
    case acquire(Reference)
    case release(Reference)
    case with(Reference, body: [Step])
    case sleep(DurationValue)
    case work(DurationValue)
    case increment(Reference, by: IntegerExpression)
    case decrement(Reference, by: IntegerExpression)
    case set(Reference, to: IntegerExpression)
    case put(Reference, value: QueueValue?)
    case get(Reference)
    case taskDone(Reference)
    case join(Reference)
    case wait(Reference)
    case log(TextTemplate)
    case `repeat`(RepeatCount, body: [Step])
    /// `as_completed: W` with `do:`: the body once per instance of W, in completion order.
    case asCompleted(Reference, body: [Step])
    /// `gather: W` with `do:`: waits for every instance of W, then the body once per instance in submission order.
    case gather(Reference, body: [Step])
    /// A worker's `on_done:` callback, always its last step (never written as a step).
    case callback(body: [Step])
    /// `exit: N`: the process running the step ends at once with status N, as `os._exit(N)`;
    /// only in a task of a process pool.
    case exit(Int)

    /// The verb as written in a scenario file.
    public var verb: Verb {
        switch self {
        case .acquire: .acquire
        case .release: .release
        case .with: .with
        case .sleep: .sleep
        case .work: .work
        case .increment: .increment
        case .decrement: .decrement
        case .set: .set
        case .put: .put
        case .get: .get
        case .taskDone: .taskDone
        case .join: .join
        case .wait: .wait
        case .log: .log
        case .repeat: .repeat
        case .asCompleted: .asCompleted
        case .gather: .gather
        case .callback: .onDone
        case .exit: .exit
        }
    }

    /// The object the step acts on, when it acts on a declared object.
    public var target: Reference? {
        switch self {
        case .acquire(let r), .release(let r), .with(let r, _), .increment(let r, _), .decrement(let r, _),
            .set(let r, _), .put(let r, _), .get(let r), .taskDone(let r), .join(let r), .wait(let r),
            .asCompleted(let r, _), .gather(let r, _):
            r
        case .sleep, .work, .log, .repeat, .callback, .exit:
            nil
        }
    }

    /// The nested steps of `with` and `repeat`.
    public var body: [Step] {
        switch self {
        case .with(_, let body), .repeat(_, let body), .asCompleted(_, let body), .gather(_, let body),
            .callback(let body): body
        default: []
        }
    }
}

/// The verbs of the language and the extra keys each one takes.
public enum Verb: String, Sendable, CaseIterable {
    case acquire, release, with, sleep, work, increment, decrement, set, put, get
    case taskDone = "task_done"
    case join, wait, log, `repeat`
    case asCompleted = "as_completed"
    case gather
    case exit
    /// A worker key, not a step: the verb of a `.callback` step.
    case onDone = "on_done"

    /// The verbs that a step may start with.
    public static var stepVerbs: [Verb] { allCases.filter { $0 != .onDone } }

    /// "an 'increment'", "a 'put'", for messages.
    public var withArticle: String {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        return (vowels.contains(rawValue.first ?? "x") ? "an" : "a") + " '\(rawValue)'"
    }

    /// Keys that may follow the verb in the same step map, and whether they are required.
    public var modifiers: [(key: String, required: Bool)] {
        switch self {
        case .with, .repeat, .asCompleted, .gather: [("do", true)]
        case .increment, .decrement: [("by", false)]
        case .set: [("to", true)]
        case .put: [("value", false)]
        default: []
        }
    }
}

/// `repeat: N` or `repeat: forever`.
public enum RepeatCount: Sendable {
    case times(IntegerExpression)
    case forever(SourceLocation)
}

/// The value a `put` step puts.
public enum QueueValue: Sendable {
    case integer(Int)
    case text(TextTemplate)
}

/// A duration, kept in nanoseconds.
public struct DurationValue: Sendable, Equatable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }
}
