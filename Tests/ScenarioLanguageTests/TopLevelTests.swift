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

    @Test func unknownTopLevelKeySuggestsTheNearestKey() {
        Checked("""
            scenario: t
            ‸variabels:
              c: 0
            workers:
              w:
                - log: hi
            """).expect(.error, "unknown top-level key 'variabels'; did you mean 'variables'?")
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

    @Test func missingScenarioTitle() {
        Checked("""
            # a comment first
            ‸workers:
              w:
                - log: hi
            """).expect(.error, "missing 'scenario: <title>'")
    }

    @Test func missingWorkers() {
        Checked("""
            ‸scenario: t
            variables:
              c: 0
            """).expect(.error, "missing 'workers:'; a scenario needs at least one worker")
    }

    @Test func emptyWorkersValue() {
        Checked("""
            scenario: t
            workers:‸
            """).expect(.error, "'workers' is a map of worker name: steps, and a scenario needs at least one worker; it is empty")
    }

    @Test func emptyWorkersMap() {
        Checked("""
            scenario: t
            workers: ‸{}
            """).expect(.error, "'workers' is empty; a scenario needs at least one worker")
    }

    @Test func workersAsAList() {
        Checked("""
            scenario: t
            workers: ‸[a, b]
            """).expect(.error, "'workers' is a map of worker name: steps")
    }

    @Test func topLevelKeyThatIsNotAWord() {
        Checked("""
            scenario: t
            ‸[a, b]: 1
            workers:
              w:
                - log: hi
            """).expect(.error, "keys of the top-level map must be plain words")
    }

    @Test func titleMustBeText() {
        Checked("""
            scenario: ‸[a, b]
            workers:
              w:
                - log: hi
            """).expect(.error, "the title must be text, not a list")
    }

    @Test func descriptionMustBeText() {
        Checked("""
            scenario: t
            description: ‸{a: 1}
            workers:
              w:
                - log: hi
            """).expect(.error, "the description must be text, not a map")
    }

    @Test func unknownRuntime() {
        Checked("""
            scenario: t
            runtime: ‸thread
            workers:
              w:
                - log: hi
            """).expect(.error, "unknown runtime 'thread'; use 'threads' or 'async'")
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

    @Test func topLevelListIsReportedByTheParserStage() {
        Checked("""
            ‸- scenario: t
            - workers: {}
            """).expect(.error, "a scenario is a YAML map with keys such as 'scenario:' and 'workers:', but the top level of this file is a list")
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

    @Test func unknownLockKind() {
        Checked("""
            scenario: t
            locks:
              l: ‸mutex
            workers:
              w:
                - with: l
                  do:
                    - log: hi
            """).expect(.error, "a lock is declared as 'lock' (plain, like threading.Lock) or 'rlock'")
    }

    @Test func semaphorePermitsAtLeastZero() {
        Checked("""
            scenario: t
            semaphores:
              s: ‸-1
            workers:
              w:
                - log: hi
            """).expect(.error, "a semaphore's permits must be at least 0, not -1")
    }

    @Test func barrierPartiesAtLeastOne() {
        Checked("""
            scenario: t
            barriers:
              b: ‸0
            workers:
              w:
                - wait: b
            """).expect(.error, "a barrier's party count must be at least 1, not 0")
    }

    @Test func queueCapacityAtLeastZero() {
        Checked("""
            scenario: t
            queues:
              q: ‸-3
            workers:
              w:
                - put: q
            """).expect(.error, "a queue's capacity (0 for unbounded) must be at least 0, not -3")
    }

    @Test func sectionMustBeAMap() {
        Checked("""
            scenario: t
            variables: ‸[a, b]
            workers:
              w:
                - log: hi
            """).expect(.error, "'variables' is a map of name: value, not a list")
    }
}
