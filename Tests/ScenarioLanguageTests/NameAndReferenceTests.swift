import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

@Suite("Names")
struct NameTests {
    @Test(arguments: ["1abc", "my-var", "café", "a.b", "\"two words\""])
    func invalidDeclaredNames(_ written: String) {
        let shown = written.hasPrefix("\"") ? String(written.dropFirst().dropLast()) : written
        Checked("""
            scenario: t
            variables:
              ‸\(written): 0
            workers:
              w:
                - log: hi
            """).expect(.error, "'\(shown)' is not a valid name: a name starts with a letter or '_' and contains only letters, digits and '_'")
    }

    @Test(arguments: ["_private", "camelCase", "snake_case_2", "X"])
    func validNames(_ name: String) {
        Checked("""
            scenario: t
            variables:
              \(name): 0
            workers:
              w:
                - increment: \(name)
            """).expectValid()
    }

    @Test func invalidReferencedName() {
        Checked("""
            scenario: t
            workers:
              w:
                - increment: ‸my-var
            """).expect(.error, "'my-var' is not a valid name")
    }

    @Test func missingReferencedName() {
        Checked("""
            scenario: t
            workers:
              w:
                - acquire:‸
            """).expect(.error, "expected a name, found nothing")
    }

    @Test(arguments: ["worker", "i", "item", "round", "deadlock"])
    func reservedVariableNames(_ name: String) {
        Checked("""
            scenario: t
            variables:
              ‸\(name): 0
            workers:
              w:
                - log: hi
            """).expect(.error, "'\(name)' is a reserved name (it means something inside '{…}' placeholders or 'expect'); rename this variable")
    }

    @Test func reservedWorkerName() {
        Checked("""
            scenario: t
            workers:
              ‸worker:
                - log: hi
            """).expect(.error, "'worker' is a reserved name")
    }

    /// A reserved name is still what the file means by that name: steps that use it should not
    /// add "not declared" errors on top of the one that asks for a rename.
    @Test func reservedNameDoesNotCascadeIntoUndeclaredErrors() {
        Checked("""
            scenario: t
            variables:
              ‸round: 0
            workers:
              w:
                - increment: round
            expect:
              round: 1
            """).expect(.error, "'round' is a reserved name")
    }

    @Test func clashAcrossSectionsHasANoteAtTheFirstDeclaration() {
        let checked = Checked("""
            scenario: t
            variables:
              ‸shared: 0
            locks:
              ‸shared: lock
            workers:
              w:
                - increment: shared
            """)
        let error = checked.expect(.error, "'shared' is already declared as a variable in 'variables'; all sections share one set of names", at: 1)
        checked.expectNote(on: error, "'shared' first declared here", at: 0)
    }

    @Test func workerNameClashesWithADeclaration() {
        let checked = Checked("""
            scenario: t
            queues:
              ‸w: 0
            workers:
              ‸w:
                - put: w
            """)
        let error = checked.expect(.error, "'w' is already declared as a queue in 'queues'", at: 1)
        checked.expectNote(on: error, "first declared here", at: 0)
    }

    @Test func duplicateSectionIsReportedOnceByTheLoader() {
        Checked("""
            scenario: t
            variables:
              a: 0
            ‸variables:
              b: 0
            workers:
              w:
                - increment: a
            """).expect(.error, "duplicate key 'variables'")
    }
}

@Suite("References")
struct ReferenceTests {
    @Test func undeclaredNameSuggestsASimilarName() {
        Checked("""
            scenario: t
            variables:
              counter: 0
            workers:
              w:
                - increment: ‸countr
            """).expect(.error, "'increment' uses 'countr', which is not declared; did you mean 'counter'?")
    }

    @Test func undeclaredNameWhenNothingOfThatKindIsDeclared() {
        Checked("""
            scenario: t
            workers:
              w:
                - wait: ‸gate
            """).expect(.error, "'wait' uses 'gate', which is not declared (no barrier is declared)")
    }

    @Test func undeclaredNameListsTheDeclaredOnes() {
        Checked("""
            scenario: t
            barriers:
              north: 1
              south: 1
            workers:
              w:
                - wait: north
                - wait: south
                - wait: ‸zzz
            """).expect(.error, "'wait' uses 'zzz', which is not declared (declared: 'north', 'south')")
    }

    @Test func acquireOnABarrier() {
        let checked = Checked("""
            scenario: t
            barriers:
              ‸gate: 1
            workers:
              w:
                - acquire: ‸gate
                - wait: gate
            """)
        let error = checked.expect(.error, "'acquire' needs a lock, rlock or semaphore, but 'gate' is a barrier", at: 1)
        checked.expectNote(on: error, "'gate' declared here", at: 0)
    }

    @Test func waitOnALock() {
        let checked = Checked("""
            scenario: t
            locks:
              ‸l: lock
            workers:
              w:
                - wait: ‸l
            """)
        let error = checked.expect(.error, "'wait' needs a barrier, but 'l' is a lock", at: 1)
        checked.expectNote(on: error, "'l' declared here", at: 0)
    }

    @Test func getOnAWorker() {
        let checked = Checked("""
            scenario: t
            workers:
              ‸other:
                - log: hi
              w:
                - get: ‸other
            """)
        let error = checked.expect(.error, "'get' needs a queue, but 'other' is a worker", at: 1)
        checked.expectNote(on: error, "declared here", at: 0)
    }

    @Test func incrementOnASemaphore() {
        Checked("""
            scenario: t
            semaphores:
              s: 1
            workers:
              w:
                - increment: ‸s
            """).expect(.error, "'increment' needs a variable, but 's' is a semaphore")
    }

    @Test func joinAcceptsAWorkerOrAQueue() {
        Checked("""
            scenario: t
            queues:
              q: 0
            workers:
              other:
                - put: q
              w:
                - join: other
                - join: q
            """).expectValid()
    }

    @Test func joinSelf() {
        Checked("""
            scenario: t
            workers:
              w:
                - join: ‸w
            """).expect(.error, "worker 'w' joins itself, which would wait forever")
    }

    @Test func joinSelfInsideARepeat() {
        Checked("""
            scenario: t
            workers:
              w:
                - repeat: 2
                  do:
                    - join: ‸w
            """).expect(.error, "worker 'w' joins itself")
    }

    @Test func expectOnAnUndeclaredVariable() {
        Checked("""
            scenario: t
            variables:
              counter: 0
            workers:
              w:
                - increment: counter
            expect:
              ‸countr: 1
            """).expect(.error, "'expect' uses 'countr', which is not declared; did you mean 'counter'?")
    }

    @Test func expectOnALock() {
        Checked("""
            scenario: t
            locks:
              l: lock
            workers:
              w:
                - with: l
                  do:
                    - log: hi
            expect:
              ‸l: 1
            """).expect(.error, "'expect' needs a variable, but 'l' is a lock")
    }

    @Test func expectDeadlockYesIsRejected() {
        Checked("""
            scenario: t
            workers:
              w:
                - log: hi
            expect:
              deadlock: ‸yes
            """).expect(.error, "'deadlock' must be true or false; 'yes' meant a boolean only in YAML 1.1")
    }

    @Test func expectDeadlockTrueAndValues() throws {
        let checked = Checked("""
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - increment: c
            expect:
              c: 1
              deadlock: true
            """)
        checked.expectValid()
        let ast = try #require(checked.result.scenario?.ast)
        #expect(ast.expectsDeadlock?.value == true)
        #expect(ast.expectations.map(\.variable.value) == ["c"])
        #expect(ast.expectations.map(\.value) == [1])
    }

    @Test func expectMustBeAMap() {
        Checked("""
            scenario: t
            workers:
              w:
                - log: hi
            expect: ‸[1]
            """).expect(.error, "'expect' is a map of variable: value (and optionally 'deadlock: true'), not a list")
    }
}
