import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

@Suite("Marker helper")
struct MarkerTests {
    @Test func markersAreRemovedAndTheirPositionsRecorded() {
        let text = MarkedText("a: ‸1\n‸b: \"é😀‸x\"\n")
        #expect(text.text == "a: 1\nb: \"é😀x\"\n")
        #expect(text.markers == [
            Position(line: 1, column: 4), Position(line: 2, column: 1), Position(line: 2, column: 7),
        ])
    }
}

@Suite("Top level")
struct TopLevelTests {
    @Test func minimalScenarioIsValid() {
        Checked("""
            scenario: Minimal
            workers:
              w:
                - log: hello
            """).expectValid()
    }

    /// A top level written wrongly: its keys, the title, the workers, the runtime.
    static let topLevelErrors: [ErrorCase] = [
        .init("unknown top level key suggests the nearest key", """
            scenario: t
            ‸variabels:
              c: 0
            workers:
              w:
                - log: hi
            """, "unknown top-level key 'variabels'; did you mean 'variables'?"),
        .init("missing scenario title", """
            # a comment first
            ‸workers:
              w:
                - log: hi
            """, "missing 'scenario: <title>'"),
        .init("missing workers", """
            ‸scenario: t
            variables:
              c: 0
            """, "missing 'workers:'; a scenario needs at least one worker"),
        .init("empty workers value", """
            scenario: t
            workers:‸
            """, "'workers' is a map of worker name: steps, and a scenario needs at least one worker; it is empty"),
        .init("empty workers map", """
            scenario: t
            workers: ‸{}
            """, "'workers' is empty; a scenario needs at least one worker"),
        .init("workers as a list", """
            scenario: t
            workers: ‸[a, b]
            """, "'workers' is a map of worker name: steps"),
        .init("top level key that is not a word", """
            scenario: t
            ‸[a, b]: 1
            workers:
              w:
                - log: hi
            """, "keys of the top-level map must be plain words"),
        .init("title must be text", """
            scenario: ‸[a, b]
            workers:
              w:
                - log: hi
            """, "the title must be text, not a list"),
        .init("description must be text", """
            scenario: t
            description: ‸{a: 1}
            workers:
              w:
                - log: hi
            """, "the description must be text, not a map"),
        .init("unknown runtime", """
            scenario: t
            runtime: ‸thread
            workers:
              w:
                - log: hi
            """, "unknown runtime 'thread'; use 'threads', 'async' or 'simulate'"),
        .init("top level list is reported by the parser stage", """
            ‸- scenario: t
            - workers: {}
            """, "a scenario is a YAML map with keys such as 'scenario:' and 'workers:', but the top level of this file is a list"),
    ]

    @Test(arguments: topLevelErrors)
    func aTopLevelWrittenWrongly(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    @Test func unknownTopLevelKeyWithoutANearKeyMentionsXKeys() {
        let checked = Checked("""
            scenario: t
            ‸templates: 1
            workers:
              w:
                - log: hi
            """)
        let error = checked.expect(.error, "unknown top-level key 'templates'")
        #expect(error?.message.contains("did you mean") == false)
        #expect(error?.message.contains("'x-'") == true)
    }

    @Test func xKeysAreIgnored() {
        Checked("""
            scenario: t
            x-anything:
              whatever: [1, {nested: yes}, 017]
            x-steps: &steps
              - log: hi
            workers:
              w: *steps
            """).expectValid()
    }

    @Test(arguments: ["threads", "async"])
    func knownRuntimes(runtime: String) throws {
        let checked = Checked("""
            scenario: t
            runtime: \(runtime)
            workers:
              w:
                - log: hi
            """)
        checked.expectValid()
        #expect(checked.result.scenario?.runtime.rawValue == runtime)
    }

    @Test func runtimeDefaultsToThreads() {
        let checked = Checked("scenario: t\nworkers:\n  w:\n    - log: hi\n")
        #expect(checked.result.scenario?.runtime == .threads)
        #expect(checked.result.scenario?.title == "t")
    }

    @Test func topLevelScalar() {
        Checked("‸just some text\n").expect(.error, "the top level of this file is 'just some text'")
    }

    @Test func loaderErrorsComeThroughTheFrontEnd() {
        let checked = Checked("""
            scenario: t
            ‸scenario: again
            workers:
              w:
                - log: hi
            """)
        checked.expect(.error, "duplicate key 'scenario'")
        #expect(checked.result.scenario == nil)
    }

    @Test func emptyFileThroughTheFrontEnd() throws {
        let result = FrontEnd.check([], path: "empty.yaml")
        #expect(result.scenario == nil)
        let error = try #require(result.diagnostics.errors.first)
        #expect(result.diagnostics.errors.count == 1)
        #expect(error.message.contains("the file is empty"))
    }
}

@Suite("Declarations")
struct DeclarationTests {
    @Test func allSectionsDeclare() throws {
        let checked = Checked("""
            scenario: t
            variables:
              counter: 5
            locks:
              plain: lock
              reentrant: rlock
            semaphores:
              slots: 3
            barriers:
              gate: 1
            queues:
              jobs: 0
            workers:
              w:
                - increment: counter
                - with: plain
                  do:
                    - with: reentrant
                      do:
                        - with: slots
                          do:
                            - put: jobs
                - get: jobs
                - task_done: jobs
                - wait: gate
            """)
        checked.expectValid()
        let symbols = try #require(checked.result.scenario?.symbols)
        #expect(symbols.order == ["counter", "plain", "reentrant", "slots", "gate", "jobs", "w"])
        #expect(symbols["counter"]?.kind == .variable(initial: 5))
        #expect(symbols["plain"]?.kind == .lock)
        #expect(symbols["reentrant"]?.kind == .rlock)
        #expect(symbols["slots"]?.kind == .semaphore(permits: 3))
        #expect(symbols["gate"]?.kind == .barrier(parties: 1))
        #expect(symbols["jobs"]?.kind == .queue(capacity: 0))
        #expect(symbols["w"]?.kind == .worker)
    }

    @Test func emptySectionsAreFine() {
        Checked("""
            scenario: t
            variables:
            locks:
            expect:
            workers:
              w:
                - log: hi
            """).expectValid()
    }

    /// A declaration written wrongly: an unknown kind, a size out of range, a section that is not
    /// a map.
    static let declarationErrors: [ErrorCase] = [
        .init("unknown lock kind", """
            scenario: t
            locks:
              l: ‸mutex
            workers:
              w:
                - with: l
                  do:
                    - log: hi
            """, "a lock is declared as 'lock' (plain, like threading.Lock) or 'rlock'"),
        .init("semaphore permits at least zero", """
            scenario: t
            semaphores:
              s: ‸-1
            workers:
              w:
                - log: hi
            """, "a semaphore's permits must be at least 0, not -1"),
        .init("barrier parties at least one", """
            scenario: t
            barriers:
              b: ‸0
            workers:
              w:
                - wait: b
            """, "a barrier's party count must be at least 1, not 0"),
        .init("queue capacity at least zero", """
            scenario: t
            queues:
              q: ‸-3
            workers:
              w:
                - put: q
            """, "a queue's capacity (0 for unbounded) must be at least 0, not -3"),
        .init("section must be a map", """
            scenario: t
            variables: ‸[a, b]
            workers:
              w:
                - log: hi
            """, "'variables' is a map of name: value, not a list"),
    ]

    @Test(arguments: declarationErrors)
    func aDeclarationWrittenWrongly(_ errorCase: ErrorCase) {
        errorCase.check()
    }
}
