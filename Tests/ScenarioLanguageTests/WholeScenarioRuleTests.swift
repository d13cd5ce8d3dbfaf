import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

@Suite("Worker rules")
struct WorkerRuleTests {
    /// Rules on the workers as a whole: one of them must not be a daemon, and the instances must
    /// stay within the limit.
    static let workerRuleErrors: [ErrorCase] = [
        .init("all workers daemons is an error at the workers key", """
            scenario: t
            ‸workers:
              a:
                daemon: true
                steps:
                  - log: hi
              b:
                daemon: true
                steps:
                  - log: hi
            """, "every worker is a daemon, so nothing would keep the run going"),
        .init("instance limit is reported at the count", """
            scenario: t
            workers:
              w:
                count: ‸100000000
                steps:
                  - log: hi
            """, "worker 'w' brings the scenario to 100000000 instances, over the limit of 10000"),
        .init("instance limit adds up all workers", """
            scenario: t
            workers:
              a:
                count: 6000
                steps:
                  - log: hi
              b:
                count: ‸6000
                steps:
                  - log: hi
              c:
                count: 6000
                steps:
                  - log: hi
            """, "worker 'b' brings the scenario to 12000 instances, over the limit of 10000"),
    ]

    @Test(arguments: workerRuleErrors)
    func aRuleOnAllTheWorkers(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    @Test func raisedInstanceLimitAccepts() throws {
        let checked = Checked("""
            scenario: t
            workers:
              w:
                count: 100000000
                steps:
                  - log: hi
            """, options: ValidationOptions(maxInstances: 100_000_000))
        checked.expectValid()
        #expect(checked.result.scenario?.instanceCount == 100_000_000)
    }

    @Test func instanceLimitWithoutACountPointsAtTheWorkerName() {
        Checked("""
            scenario: t
            workers:
              a:
                - log: hi
              ‸b:
                - log: hi
            """, options: ValidationOptions(maxInstances: 1)).expect(.error, "over the limit of 1")
    }

    @Test func defaultInstanceLimitIsExactlyAllowed() {
        Checked("""
            scenario: t
            workers:
              w:
                count: 10000
                steps:
                  - log: hi
            """).expectValid()
    }

    @Test func repeatForeverInANonDaemonWarns() {
        let checked = Checked("""
            scenario: t
            workers:
              w:
                - repeat: ‸forever
                  do:
                    - log: hi
            """)
        checked.expect(.warning, "'repeat: forever' in worker 'w', which is not a daemon")
        #expect(checked.errors.isEmpty)
        #expect(checked.result.scenario != nil, "warnings do not stop a scenario")
    }

    @Test func repeatForeverInADaemonDoesNotWarn() {
        Checked("""
            scenario: t
            workers:
              d:
                daemon: true
                steps:
                  - repeat: forever
                    do:
                      - log: hi
              main:
                - log: hi
            """).expectValid()
    }

    /// Steps shared through an alias carry the anchor's positions: the warning about the
    /// non-daemon 'main' pointed into the daemon 'pool', as if the daemon were the problem.
    @Test func repeatForeverReachedThroughAnAliasWarnsAtTheNonDaemonWorker() {
        let checked = Checked("""
            scenario: t
            workers:
              pool:
                daemon: true
                steps: &loop
                  - repeat: ‸forever
                    do:
                      - log: hi
              ‸main:
                - log: start
                - repeat: 1
                  do: *loop
            """)
        let warning = checked.expect(.warning, "'repeat: forever' in worker 'main', which is not a daemon", at: 1)
        checked.expectNote(on: warning, "the 'repeat: forever', which worker 'main' reuses through an alias", at: 0)
        #expect(checked.warnings.count == 1, "\(checked.listing)")
    }

    @Test func repeatForeverMergedFromATemplateWarnsAtTheWorker() {
        let checked = Checked("""
            scenario: t
            x-templates:
              ticker: &ticker
                steps:
                  - repeat: ‸forever
                    do:
                      - log: tick
            workers:
              ‸main:
                <<: *ticker
            """)
        let warning = checked.expect(.warning, "'repeat: forever' in worker 'main'", at: 1)
        checked.expectNote(on: warning, "reuses through an alias", at: 0)
    }
}

@Suite("Lock warnings")
struct LockWarningTests {
    static func scenario(kind: String = "lock", _ steps: String) -> String {
        "scenario: t\nlocks:\n  l: \(kind)\nworkers:\n  w:\n"
            + steps.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    @Test func plainLockAcquiredTwice() {
        let checked = Checked(Self.scenario("""
            - acquire: ‸l
            - acquire: ‸l
            - release: l
            """))
        let warning = checked.expect(.warning, "worker 'w' acquires plain lock 'l' while it already holds it", at: 1)
        checked.expectNote(on: warning, "'l' acquired here", at: 0)
        #expect(checked.errors.isEmpty)
        #expect(checked.warnings.count == 1)
    }

    @Test func plainLockAcquiredInsideWithOfTheSameLock() {
        let checked = Checked(Self.scenario("""
            - with: ‸l
              do:
                - acquire: ‸l
                - release: l
            """))
        let warning = checked.expect(.warning, "acquires plain lock 'l' while it already holds it", at: 1)
        checked.expectNote(on: warning, "'l' acquired here", at: 0)
        #expect(checked.warnings.count == 1)
    }

    @Test func nestedWithOfTheSameLock() {
        let checked = Checked(Self.scenario("""
            - with: ‸l
              do:
                - with: ‸l
                  do:
                    - log: hi
            """))
        let warning = checked.expect(.warning, "while it already holds it", at: 1)
        checked.expectNote(on: warning, "acquired here", at: 0)
    }

    @Test func lockAcquiredInARepeatWithoutReleaseIsHeldInTheNextRound() {
        let checked = Checked(Self.scenario("""
            - repeat: 2
              do:
                - acquire: ‸l
            """))
        checked.expect(.warning, "while it already holds it")
        checked.expect(.warning, "never releases it")
    }

    @Test func reacquireAfterReleaseDoesNotWarn() {
        Checked(Self.scenario("""
            - acquire: l
            - release: l
            - acquire: l
            - release: l
            - repeat: 3
              do:
                - acquire: l
                - release: l
            - with: l
              do:
                - log: hi
            - with: l
              do:
                - log: hi
            """)).expectValid()
    }

    @Test func rlockAcquiredTwiceDoesNotWarn() {
        Checked(Self.scenario(kind: "rlock", """
            - acquire: l
            - acquire: l
            - with: l
              do:
                - acquire: l
                - release: l
            - release: l
            - release: l
            """)).expectValid()
    }

    @Test func lockAcquiredAndNeverReleased() {
        let checked = Checked(Self.scenario("""
            - acquire: ‸l
            - log: hi
            """))
        checked.expect(.warning, "worker 'w' acquires lock 'l' but never releases it; other workers that need it will wait forever (use 'with:'")
        #expect(checked.warnings.count == 1)
    }

    @Test func rlockAcquiredAndNeverReleased() {
        Checked(Self.scenario(kind: "rlock", """
            - acquire: ‸l
            """)).expect(.warning, "acquires lock 'l' but never releases it")
    }

    @Test func withReleasesForYou() {
        Checked(Self.scenario("""
            - with: l
              do:
                - log: hi
            """)).expectValid()
    }
}

@Suite("Barrier warnings")
struct BarrierWarningTests {
    @Test func partiesExceedWaitingInstances() {
        let checked = Checked("""
            scenario: t
            barriers:
              ‸gate: 3
            workers:
              w:
                count: 2
                steps:
                  - wait: gate
            """)
        checked.expect(.warning, "barrier 'gate' needs 3 parties but only 2 instances ever wait on it, so it will never open")
        #expect(checked.errors.isEmpty)
    }

    @Test func unusedBarrierDoesNotWarn() {
        // A barrier nobody waits on blocks nobody.
        Checked("""
            scenario: t
            barriers:
              gate: 2
            workers:
              w:
                - log: hi
            """).expectValid()
    }

    @Test func oneWaitingInstance() {
        Checked("""
            scenario: t
            barriers:
              ‸gate: 2
            workers:
              w:
                - wait: gate
            """).expect(.warning, "only 1 instance ever waits on it")
    }

    @Test func countsOfAllWaitingWorkersAreAddedUp() {
        Checked("""
            scenario: t
            barriers:
              gate: 5
            workers:
              a:
                count: 3
                steps:
                  - wait: gate
              b:
                count: 2
                steps:
                  - repeat: 2
                    do:
                      - wait: gate
              c:
                - log: not waiting
            """).expectValid()
    }
}

@Suite("One pass")
struct OnePassTests {
    @Test func everyProblemOfAFileIsReportedInOneRun() {
        let checked = Checked("""
            scenario: t
            ‸variabels: {}
            locks:
              l: lock
              ‸l: rlock
            workers:
              w:
                - ‸aquire: l
                - increment: ‸nope
                - join: ‸w
            """)
        // From the loader (duplicate key), the parser (key, verb) and the validator (name, join).
        checked.expect(.error, "unknown top-level key 'variabels'", at: 0, alone: false)
        checked.expect(.error, "duplicate key 'l'", at: 1, alone: false)
        checked.expect(.error, "unknown step 'aquire'", at: 2, alone: false)
        checked.expect(.error, "'increment' uses 'nope', which is not declared", at: 3, alone: false)
        checked.expect(.error, "worker 'w' joins itself", at: 4, alone: false)
        #expect(checked.errors.count == 5, "\(checked.listing)")
        #expect(checked.result.scenario == nil)
    }

    @Test func validatorReportsEveryRuleWithoutStoppingAtTheFirst() throws {
        let checked = Checked("""
            scenario: t
            variables:
              ‸item: 0
            barriers:
              ‸gate: 4
            workers:
              w:
                - wait: gate
                - wait: ‸l
                - join: ‸w
                - log: "{‸round}"
            """)
        checked.expect(.error, "'item' is a reserved name", at: 0, alone: false)
        checked.expect(.warning, "barrier 'gate' needs 4 parties", at: 1, alone: false)
        checked.expect(.error, "'wait' uses 'l', which is not declared", at: 2, alone: false)
        checked.expect(.error, "joins itself", at: 3, alone: false)
        checked.expect(.error, "'{round}' is used outside any 'repeat'", at: 4, alone: false)
        #expect(checked.errors.count == 4, "\(checked.listing)")
    }

    @Test func diagnosticsAreSortedByPosition() {
        let checked = Checked("""
            scenario: t
            variables:
              round: 0
            workers:
              w:
                - aquire: l
            """)
        let sorted = checked.result.diagnostics.sorted.compactMap(\.location)
        #expect(sorted == sorted.sorted())
        #expect(sorted.count == 2)
    }
}
