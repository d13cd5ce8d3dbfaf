import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

@Suite("Names")
struct NameTests {
    @Test(arguments: ["1abc", "my-var", "a.b", "\"two words\""])
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

    /// 'é' is a letter, and "only letters" did not say why 'café' was refused: names are ASCII.
    @Test(arguments: [
        ("café", "'é' (U+00E9)"), ("naïve_2", "'ï' (U+00EF)"), ("\"zero\u{200B}width\"", "(U+200B)"),
        ("Ωmega", "'Ω' (U+03A9)"),
    ])
    func nonASCIINamesSayNamesAreASCII(_ written: String, _ character: String) {
        Checked("""
            scenario: t
            variables:
              ‸\(written): 0
            workers:
              w:
                - log: hi
            """).expect(.error, "\(character) is not allowed, since names are ASCII: a name starts with a letter (a-z, A-Z) or '_'")
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

    /// Only variables are read in braces and in `expect`, so only they cannot have the reserved
    /// names; the README's own example, a worker called `worker`, was refused.
    @Test(arguments: ["worker", "i", "item", "round", "deadlock"])
    func reservedNamesAreFreeForEverythingButVariables(_ name: String) throws {
        let checked = Checked("""
            scenario: t
            variables:
              counter: 0
            workers:
              \(name):
                count: 2
                steps:
                  - log: "{worker} is instance {i}"
                  - increment: counter
              main:
                - join: \(name)
            expect:
              counter: 2
            """)
        checked.expectValid()
        let log = try #require(checked.result.scenario?.ast.workers.first?.steps.first)
        guard case .log(let template) = log.action, case .worker = template.parts.first else {
            Issue.record("'{worker}' should still be the instance's name, got \(log.action)")
            return
        }
    }

    @Test(arguments: ["worker", "i", "item", "round", "deadlock"])
    func reservedNamesAreFreeForLocksSemaphoresBarriersAndQueues(_ name: String) {
        for (section, value, steps) in [
            ("locks", "lock", "- with: \(name)\n      do: []"),
            ("semaphores", "1", "- acquire: \(name)\n    - release: \(name)"),
            ("barriers", "1", "- wait: \(name)"),
            ("queues", "0", "- put: \(name)\n    - get: \(name)\n    - log: \"got {item}\""),
        ] {
            Checked("""
                scenario: t
                \(section):
                  \(name): \(value)
                workers:
                  w:
                    \(steps)
                """).expectValid()
        }
    }

    /// A referenced name that is not a name, a reserved name, a section written twice.
    static let nameErrors: [ErrorCase] = [
        .init("invalid referenced name", """
            scenario: t
            workers:
              w:
                - increment: ‸my-var
            """, "'my-var' is not a valid name"),
        .init("missing referenced name", """
            scenario: t
            workers:
              w:
                - acquire:‸
            """, "expected a name, found nothing"),
        // A reserved name is still what the file means by that name: steps that use it should not
        // add "not declared" errors on top of the one that asks for a rename.
        .init("reserved name does not cascade into undeclared errors", """
            scenario: t
            variables:
              ‸round: 0
            workers:
              w:
                - increment: round
            expect:
              round: 1
            """, "'round' is a reserved name"),
        .init("duplicate section is reported once by the loader", """
            scenario: t
            variables:
              a: 0
            ‸variables:
              b: 0
            workers:
              w:
                - increment: a
            """, "duplicate key 'variables'"),
    ]

    @Test(arguments: nameErrors)
    func aNameThatCannotBeUsed(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    /// Two declarations of one name: the error is at the second (marker #1), a note at the first
    /// (marker #0).
    static let nameClashes: [ErrorCase] = [
        .init("clash across sections has a note at the first declaration", """
            scenario: t
            variables:
              ‸shared: 0
            locks:
              ‸shared: lock
            workers:
              w:
                - increment: shared
            """, "'shared' is already declared as a variable in 'variables'; all sections share one set of names",
            note: "'shared' first declared here"),
        .init("worker name clashes with a declaration", """
            scenario: t
            queues:
              ‸w: 0
            workers:
              ‸w:
                - put: w
            """, "'w' is already declared as a queue in 'queues'", note: "first declared here"),
    ]

    @Test(arguments: nameClashes)
    func aNameDeclaredTwice(_ errorCase: ErrorCase) {
        errorCase.check()
    }
}

@Suite("References")
struct ReferenceTests {
    /// A step or expectation that uses a name wrongly.
    static let referenceErrors: [ErrorCase] = [
        .init("undeclared name suggests a similar name", """
            scenario: t
            variables:
              counter: 0
            workers:
              w:
                - increment: ‸countr
            """, "'increment' uses 'countr', which is not declared; did you mean 'counter'?"),
        .init("undeclared name when nothing of that kind is declared", """
            scenario: t
            workers:
              w:
                - wait: ‸gate
            """, "'wait' uses 'gate', which is not declared (no barrier is declared)"),
        .init("undeclared name lists the declared ones", """
            scenario: t
            barriers:
              north: 1
              south: 1
            workers:
              w:
                - wait: north
                - wait: south
                - wait: ‸zzz
            """, "'wait' uses 'zzz', which is not declared (declared: 'north', 'south')"),
        .init("increment on a semaphore", """
            scenario: t
            semaphores:
              s: 1
            workers:
              w:
                - increment: ‸s
            """, "'increment' needs a variable, but 's' is a semaphore"),
        .init("join self", """
            scenario: t
            workers:
              w:
                - join: ‸w
            """, "worker 'w' joins itself, which would wait forever"),
        .init("join self inside a repeat", """
            scenario: t
            workers:
              w:
                - repeat: 2
                  do:
                    - join: ‸w
            """, "worker 'w' joins itself"),
        .init("expect on an undeclared variable", """
            scenario: t
            variables:
              counter: 0
            workers:
              w:
                - increment: counter
            expect:
              ‸countr: 1
            """, "'expect' uses 'countr', which is not declared; did you mean 'counter'?"),
        .init("expect on a lock", """
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
            """, "'expect' needs a variable, but 'l' is a lock"),
        .init("expect deadlock yes is rejected", """
            scenario: t
            workers:
              w:
                - log: hi
            expect:
              deadlock: ‸yes
            """, "'deadlock' must be true or false; 'yes' meant a boolean only in YAML 1.1"),
        .init("expect must be a map", """
            scenario: t
            workers:
              w:
                - log: hi
            expect: ‸[1]
            """, "'expect' is a map of variable: value (and optionally 'deadlock: true'), not a list"),
    ]

    @Test(arguments: referenceErrors)
    func aReferenceThatDoesNotFit(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    /// A step on an object of the wrong kind: the error is at the use (marker #1), a note at the
    /// declaration (marker #0).
    static let wrongKinds: [ErrorCase] = [
        .init("acquire on a barrier", """
            scenario: t
            barriers:
              ‸gate: 1
            workers:
              w:
                - acquire: ‸gate
                - wait: gate
            """, "'acquire' needs a lock, rlock or semaphore, but 'gate' is a barrier",
            note: "'gate' declared here"),
        .init("wait on a lock", """
            scenario: t
            locks:
              ‸l: lock
            workers:
              w:
                - wait: ‸l
            """, "'wait' needs a barrier, but 'l' is a lock", note: "'l' declared here"),
        .init("get on a worker", """
            scenario: t
            workers:
              ‸other:
                - log: hi
              w:
                - get: ‸other
            """, "'get' needs a queue, but 'other' is a worker", note: "declared here"),
    ]

    @Test(arguments: wrongKinds)
    func aStepOnTheWrongKindOfObject(_ errorCase: ErrorCase) {
        errorCase.check()
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
}
