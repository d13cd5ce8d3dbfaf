import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

@Suite("Workers")
struct WorkerTests {
    @Test func workerAsMapWithStepsCountAndDaemon() throws {
        let checked = Checked("""
            scenario: t
            workers:
              helper:
                count: 3
                daemon: true
                steps:
                  - log: hi
              main:
                - log: bye
            """)
        checked.expectValid()
        let workers = try #require(checked.result.scenario?.ast.workers)
        #expect(workers.map(\.name.value) == ["helper", "main"])
        #expect(workers.map(\.instanceCount) == [3, 1])
        #expect(workers.map(\.isDaemon) == [true, false])
        #expect(checked.result.scenario?.instanceCount == 4)
    }

    /// A worker written wrongly: its name, its keys, its steps, its count.
    static let workerErrors: [ErrorCase] = [
        .init("invalid worker name", """
            scenario: t
            workers:
              ‸my-worker:
                - log: hi
            """, "'my-worker' is not a valid name: a name starts with a letter or '_'"),
        .init("unknown worker key suggests the nearest key", """
            scenario: t
            workers:
              w:
                steps:
                  - log: hi
                ‸coutn: 2
            """, "unknown key 'coutn' in worker 'w'; did you mean 'count'?"),
        .init("verb as a worker key says steps go in a list", """
            scenario: t
            workers:
              w:
                steps:
                  - log: hi
                ‸sleep: 1
            """, "unknown key 'sleep' in worker 'w'; steps go in a list under 'steps:'"),
        .init("worker map without steps", """
            scenario: t
            workers:
              w:
                ‸count: 2
            """, "worker 'w' has no 'steps:' list"),
        .init("worker as a scalar", """
            scenario: t
            workers:
              w: ‸hello
            """, "worker 'w' must be a list of steps, or a map with 'steps', 'count' and 'daemon', not 'hello'"),
        .init("steps must be a list", """
            scenario: t
            workers:
              w:
                steps: ‸hello
            """, "the steps of worker 'w' must be a list ('- acquire: lock' …), not 'hello'"),
        .init("count zero is rejected", """
            scenario: t
            workers:
              w:
                count: ‸0
                steps:
                  - log: hi
            """, "a worker's count must be at least 1, not 0"),
        .init("count must be an integer", """
            scenario: t
            workers:
              w:
                count: ‸two
                steps:
                  - log: hi
            """, "a worker's count must be a plain decimal integer; found 'two'"),
    ]

    @Test(arguments: workerErrors)
    func aWorkerWrittenWrongly(_ errorCase: ErrorCase) {
        errorCase.check()
    }
}

@Suite("Steps")
struct StepTests {
    /// A step written wrongly: its shape, its verb, its modifiers, its body.
    static let stepErrors: [ErrorCase] = [
        .init("step must be a map", """
            scenario: t
            workers:
              w:
                - ‸log
            """, "a step is a map whose first key is its verb, as in '- sleep: 1s'; found 'log'"),
        .init("verb must come first", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - by: 2
                  ‸increment: c
            """, "the verb 'increment' must come first in its step, before 'by'"),
        .init("unknown modifier suggests the nearest key", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - increment: c
                  ‸byy: 2
            """, "unknown key 'byy' in an 'increment' step; did you mean 'by'? (an 'increment' step also takes 'by')"),
        .init("second verb in one step", """
            scenario: t
            workers:
              w:
                - log: a
                  ‸sleep: 1
            """, "unknown key 'sleep' in a 'log' step; put each step in its own list item"),
        .init("modifier on a verb that takes none", """
            scenario: t
            locks:
              l: lock
            workers:
              w:
                - acquire: l
                  ‸do:
                    - log: hi
                - release: l
            """, "unknown key 'do' in an 'acquire' step (an 'acquire' step takes no other keys)"),
        .init("missing 'to'", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - ‸set: c
            """, "a 'set' step needs 'to:'"),
        .init("empty do list", """
            scenario: t
            locks:
              l: lock
            workers:
              w:
                - with: l
                  do:‸
            """, "the steps of 'with: l' must be a list ('- acquire: lock' …), not nothing"),
    ]

    @Test(arguments: stepErrors)
    func aStepWrittenWrongly(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    @Test func unknownVerbSuggestsTheNearestVerb() {
        let checked = Checked("""
            scenario: t
            locks:
              l: lock
            workers:
              w:
                - ‸aquire: l
                - release: l
            """)
        let error = checked.expect(.error, "unknown step 'aquire'; did you mean 'acquire'?")
        #expect(error?.message.contains("task_done") == true, "the message lists the verbs")
    }

    @Test func unknownVerbWithoutANearVerb() {
        let checked = Checked("""
            scenario: t
            workers:
              w:
                - ‸frobnicate: 1
            """)
        let error = checked.expect(.error, "unknown step 'frobnicate'")
        #expect(error?.message.contains("did you mean") == false)
    }

    @Test(arguments: ["with: l", "repeat: 2"])
    func missingDo(step: String) {
        let verb = step.prefix { $0 != ":" }
        Checked("""
            scenario: t
            locks:
              l: lock
            workers:
              w:
                - ‸\(step)
            """).expect(.error, "a '\(verb)' step needs 'do:'")
    }

    @Test func everyVerbParses() throws {
        let checked = Checked("""
            scenario: t
            variables:
              c: 0
            locks:
              l: lock
            barriers:
              b: 1
            queues:
              q: 0
            workers:
              other:
                - log: other
              w:
                - acquire: l
                - release: l
                - with: l
                  do:
                    - sleep: 1
                - work: 2ms
                - increment: c
                - decrement: c
                  by: 2
                - set: c
                  to: 7
                - put: q
                  value: 5
                - put: q
                  value: "text {c}"
                - get: q
                - task_done: q
                - join: other
                - wait: b
                - log: "{worker} {i} {item}"
                - repeat: 2
                  do:
                    - log: "{round}"
            """)
        checked.expectValid()
        let steps = try #require(checked.result.scenario?.ast.workers.last?.steps)
        #expect(steps.map(\.action.verb) == [
            .acquire, .release, .with, .work, .increment, .decrement, .set, .put, .put, .get, .taskDone,
            .join, .wait, .log, .repeat,
        ])
        #expect(steps.first?.location == Position(line: 14, column: 7))
    }

    /// A put value is an integer only when it is one by the integers' rules: '!!str 42' was put as
    /// the integer 42 although its tag says text.
    @Test(arguments: [("42", "42", true), ("!!int 42", "42", true), ("!!str 42", "42", false), ("+5", "+5", false),
        ("017", "017", false), ("\"42\"", "42", false)])
    func putValueIsAnIntegerOnlyWhenWrittenAsOne(_ written: String, _ shown: String, _ isInteger: Bool) throws {
        let checked = Checked("""
            scenario: t
            queues:
              q: 0
            workers:
              w:
                - put: q
                  value: \(written)
            """)
        checked.expectValid()
        let step = try #require(checked.result.scenario?.ast.workers.first?.steps.first)
        switch step.action {
        case .put(_, .integer(let value)?):
            #expect(isInteger && "\(value)" == shown, "put the integer \(value)")
        case .put(_, .text(let template)?):
            #expect(!isInteger && template.constantText == shown, "put the text \(template.constantText ?? "?")")
        default:
            Issue.record("expected a put with a value, got \(step.action)")
        }
    }
}
