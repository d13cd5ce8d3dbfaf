import ScenarioRuntime
import Testing

// The scenarios named by `runScenario(shared:)` are in `Tests/Fixtures/runs`, shared with the CLI tests.

@Suite("Deadlocks")
struct DeadlockTests {
    @Test func aLockCycleIsReportedWithBothLocksAndHolders() throws {
        let report = try runScenario(shared: "lock-cycle")
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(Set(deadlock.cycle) == [
            "first holds left, waits for right",
            "second holds right, waits for left",
        ])
        #expect(deadlock.waits.contains("first waits for lock right, held by second"), "\(deadlock.waits)")
        #expect(deadlock.waits.contains("second waits for lock left, held by first"), "\(deadlock.waits)")
        #expect(report.instance("first")?.status == .blocked)
        #expect(report.instance("second")?.status == .blocked)
        #expect(report.instance("first")?.waitingFor == "lock right, held by second")
        #expect(report.error == nil)
        #expect(TimelineCheck.seqNumbers(report.events).isEmpty)
    }

    @Test func aLockCycleIsFoundWhileAnotherWorkerIsStillRunning() throws {
        // At speed 1 the sleeper would sleep 10 s; the run must not wait for it.
        let report = try runScenario(shared: "lock-cycle-with-sleeper", speed: 1, timeout: 30)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.deadlock?.cycle.count == 2)
        #expect(report.instance("first")?.status == .blocked)
        #expect(report.instance("second")?.status == .blocked)
        #expect(report.instance("sleeper")?.status == .stopped)
        let sleeper = try #require(report.instanceIndex("sleeper"))
        let kinds = report.events.filter { $0.instance == sleeper }.map(\.kind)
        // The cycle may be found before or after the sleeper starts its sleep, never after it ends.
        #expect(!kinds.contains(.wake), "the run waited for the sleeper")
        #expect(kinds.last == .stopped)
        #expect(!report.events.contains { $0.value == .text("woke up") })
    }

    @Test func expectingTheDeadlockMakesItOk() throws {
        let report = try runScenario(sharedScenario("lock-cycle") + "\nexpect:\n  deadlock: true\n")
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.deadlock != nil)
        let expectation = try #require(report.expectations.first { $0.isDeadlock })
        #expect(expectation.ok)
        #expect(expectation.expected == 1 && expectation.actual == 1)
    }

    @Test func expectingNoDeadlockStillFailsWithDeadlock() throws {
        let report = try runScenario(sharedScenario("lock-cycle") + "\nexpect:\n  deadlock: false\n")
        #expect(report.status == .deadlock, "\(report.brief)")
    }

    @Test func expectingADeadlockThatDoesNotHappenFails() throws {
        let report = try runScenario("""
            scenario: No deadlock after all
            workers:
              w:
                - log: "fine"
            expect:
              deadlock: true
            """)
        #expect(report.status == .expectationFailed, "\(report.brief)")
        #expect(report.deadlock == nil)
        #expect(report.expectations.first { $0.isDeadlock }?.ok == false)
    }

    @Test func aBarrierShortOfPartiesDeadlocks() throws {
        let report = try runScenario(shared: "barrier-short-of-parties")
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.cycle.isEmpty)
        // The two instances wait for the same thing: one line for both.
        #expect(deadlock.waits == ["2 instances of w wait for barrier gate (2 of 3 parties arrived): w-1, w-2"])
        #expect(deadlock.objects == [
            BlockedObject(name: "gate", kind: "barrier", state: "2 of 3 parties arrived", waiting: ["w-1", "w-2"], holders: ["w-1", "w-2"])
        ] || deadlock.objects == [
            BlockedObject(name: "gate", kind: "barrier", state: "2 of 3 parties arrived", waiting: ["w-1", "w-2"], holders: ["w-2", "w-1"])
        ], "\(deadlock.objects)")
        #expect(report.instances.allSatisfy { $0.status == .blocked })
    }

    @Test func aPlainLockTakenTwiceByOneInstanceDeadlocks() throws {
        let report = try runScenario(shared: "self-deadlock")
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits.count == 1)
        let line = try #require(deadlock.waits.first)
        #expect(line.contains("door"), "\(line)")
        #expect(line.contains("which it holds itself"), "\(line)")
        #expect(report.instance("w")?.status == .blocked)
    }

    @Test func aConsumerOfAnEmptyQueueDeadlocks() throws {
        let report = try runScenario(shared: "empty-queue")
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits == ["consumer waits for an item in queue jobs, which is empty"])
        #expect(deadlock.cycle.isEmpty)
        #expect(report.instance("consumer")?.status == .blocked)
    }

    @Test func joiningAWorkerThatWaitsForeverDeadlocks() throws {
        let report = try runScenario(shared: "join-of-a-stuck-worker")
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits.contains("waiter waits for an item in queue jobs, which is empty"), "\(deadlock.waits)")
        #expect(deadlock.waits.contains("main waits for worker waiter to finish (not finished: waiter blocked)"),
                "\(deadlock.waits)")
        #expect(report.instance("waiter")?.status == .blocked)
        #expect(report.instance("main")?.status == .blocked)
        #expect(!report.events.contains { $0.kind == .log })
    }

    @Test func aFullBoundedQueueDeadlocksItsProducer() throws {
        let report = try runScenario("""
            scenario: Nobody takes
            queues:
              box: 2
            workers:
              producer:
                - repeat: 3
                  do:
                    - put: box
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.deadlock?.waits == ["producer waits for room in queue box, which is full (2 of 2)"])
        #expect(report.queues == [NamedValue(name: "box", value: 2)])
    }

    @Test func aSemaphoreWithoutPermitsDeadlocksAndNamesItsHolders() throws {
        let report = try runScenario("""
            scenario: Permits kept
            semaphores:
              slots: 1
            barriers:
              both: 2
            workers:
              keeper:
                - acquire: slots
                - wait: both
                - acquire: slots
              other:
                - wait: both
                - acquire: slots
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        // The keeper never releases its permit, so the deadlock is decided as soon as either
        // instance waits for one, whether or not the other has got to its acquire yet.
        #expect(!deadlock.waits.isEmpty)
        for line in deadlock.waits {
            #expect(line.hasSuffix(" waits for semaphore slots (0 of 1 permits free; held by keeper)"), "\(line)")
        }
        for line in deadlock.running {
            #expect(line.hasSuffix(" is still running, but none of the steps it has left would release semaphore slots"), "\(line)")
        }
        #expect(deadlock.waits.count + deadlock.running.count == 2)
    }
}

/// A deadlock among daemons does not stop the run: as in Python, the run ends when the non-daemon
/// instances have finished, and the stuck daemons are stopped then.
@Suite("Deadlocks among daemons")
struct DaemonDeadlockTests {
    /// Daemons that get stuck for good while `main` sleeps 200 ms and logs "main is done".
    struct StuckDaemons: Sendable, CustomTestStringConvertible {
        var name: String
        var daemons: [String]
        var yaml: String

        var testDescription: String { name }
    }

    static let stuckDaemons: [StuckDaemons] = [
        .init(name: "daemons in a lock cycle", daemons: ["first", "second"], yaml: """
            scenario: Daemons in a lock cycle
            locks:
              left: lock
              right: lock
            barriers:
              both: 2
            workers:
              first:
                daemon: true
                steps:
                  - acquire: left
                  - wait: both
                  - acquire: right
                  - release: right
                  - release: left
              second:
                daemon: true
                steps:
                  - acquire: right
                  - wait: both
                  - acquire: left
                  - release: left
                  - release: right
              main:
                - sleep: 200ms
                - log: "main is done"
            """),
        .init(name: "a daemon taking a plain lock twice", daemons: ["stuck"], yaml: """
            scenario: A daemon stuck on itself
            locks:
              door: lock
            workers:
              stuck:
                daemon: true
                steps:
                  - acquire: door
                  - acquire: door
              main:
                - sleep: 200ms
                - log: "main is done"
            """),
    ]

    @Test(arguments: stuckDaemons)
    func stuckDaemonsLetTheRunFinish(_ stuck: StuckDaemons) throws {
        let report = try runScenario(stuck.yaml)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.deadlock == nil)
        #expect(report.instance("main")?.status == .finished)
        for name in stuck.daemons {
            #expect(report.instance(name)?.status == .stopped, "\(name): \(report.brief)")
        }
        #expect(report.events.contains { $0.value == .text("main is done") })
    }

    @Test func aNonDaemonInACycleWithADaemonIsADeadlock() throws {
        let report = try runScenario("""
            scenario: Mixed cycle
            locks:
              left: lock
              right: lock
            barriers:
              both: 2
            workers:
              helper:
                daemon: true
                steps:
                  - with: left
                    do:
                      - wait: both
                      - with: right
                        do: []
              main:
                - with: right
                  do:
                    - wait: both
                    - with: left
                      do: []
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.deadlock?.cycle.count == 2)
    }
}

@Suite("Runs that end early")
struct EarlyEndTests {
    @Test func aRuntimeErrorStopsASleepingInstance() throws {
        // At speed 1 the sleeper would sleep 10 s; the error ends the run before.
        let report = try runScenario("""
            scenario: Error while another sleeps
            locks:
              door: lock
            workers:
              sleeper:
                - sleep: 10
                - log: "woke up"
              failer:
                - release: door
            """, speed: 1, timeout: 30)
        #expect(report.status == .error, "\(report.brief)")
        #expect(report.instance("failer")?.status == .failed)
        #expect(report.instance("sleeper")?.status == .stopped)
        #expect(!report.events.contains { $0.value == .text("woke up") })
    }

    @Test func aTimeoutLeavesBlockedInstancesBlockedAndStopsTheOthers() throws {
        let report = try runScenario("""
            scenario: Timeout with a waiter
            queues:
              jobs: 0
            workers:
              consumer:
                - get: jobs
              ticker:
                - repeat: forever
                  do:
                    - sleep: 1h
                    - put: jobs
            """, speed: 1, timeout: 0.5)
        #expect(report.status == .timeout, "\(report.brief)")
        #expect(report.deadlock == nil)
        #expect(report.instance("consumer")?.status == .blocked)
        #expect(report.instance("consumer")?.waitingFor == "an item in queue jobs, which is empty")
        #expect(report.instance("ticker")?.status == .stopped)
    }
}

@Suite("Timeouts, runtime errors, expectations, daemons")
struct RunOutcomeTests {
    @Test func aNonDaemonThatNeverEndsTimesOut() throws {
        let report = try runScenario(shared: "endless", speed: 1, timeout: 0.5)
        #expect(report.status == .timeout, "\(report.brief)")
        #expect(report.deadlock == nil)
        #expect(report.error == nil)
        #expect(report.instance("ticker")?.status == .stopped)
        #expect((report.variable("ticks") ?? 0) >= 1)
        #expect(TimelineCheck.lifecycles(report.events, instances: report.instances).isEmpty)
    }

    /// A shared scenario that stops with a runtime error in instance `failing`, at line:column
    /// `position` of the fixture, with `message`.
    struct RuntimeErrorCase: Sendable, CustomTestStringConvertible {
        var scenario: String
        var failing: String
        var position: String
        var message: String

        var testDescription: String { scenario }
    }

    static let runtimeErrors: [RuntimeErrorCase] = [
        .init(scenario: "release-unlocked", failing: "w", position: "8:7",
              message: "'w' releases lock 'door', which is not locked"),
        .init(scenario: "foreign-rlock-release", failing: "thief", position: "15:7",
              message: "'thief' releases rlock 'account', which is held by 'owner', not by 'thief'"),
        .init(scenario: "too-many-task-done", failing: "w", position: "10:7",
              message: "'task_done' on queue 'jobs' is called more times than items were put"),
        .init(scenario: "text-item-as-integer", failing: "w", position: "12:7",
              message: "'{item}' is \"seven\", which is not an integer"),
    ]

    @Test(arguments: runtimeErrors)
    func aRuntimeErrorStopsTheRunAtTheFailingStep(_ expected: RuntimeErrorCase) throws {
        let report = try runScenario(shared: expected.scenario)
        #expect(report.status == .error, "\(report.brief)")
        let error = try #require(report.error)
        #expect(error.message == expected.message)
        #expect(error.location == "test.yaml:\(expected.position)")
        #expect(report.instance(expected.failing)?.status == .failed)
        // Nothing after the failing step runs, and no instance gets to finish.
        #expect(!report.events.contains { $0.value == .text("never printed") })
        #expect(!report.events.contains { $0.kind == .finish })
        #expect(report.instances.allSatisfy { $0.status != .finished }, "\(report.brief)")
    }

    @Test func onlyTheTaskDoneThatMatchesAPutIsRecorded() throws {
        let report = try runScenario(shared: "too-many-task-done")
        #expect(report.status == .error, "\(report.brief)")
        let jobs = try #require(report.objectIndex("jobs"))
        #expect(report.events(on: jobs).filter { $0.kind == .taskDone }.count == 1)
    }

    @Test func anIncrementByATextItemLeavesTheVariableAsItWas() throws {
        let report = try runScenario(shared: "text-item-as-integer")
        #expect(report.status == .error, "\(report.brief)")
        #expect(report.variable("total") == 0)
    }

    @Test func theErrorLocationUsesThePathGiven() throws {
        let report = try runScenario(shared: "release-unlocked", path: "some/dir/bad.yaml")
        #expect(report.error?.location == "some/dir/bad.yaml:8:7")
    }

    @Test func aFailedExpectationIsReported() throws {
        let report = try runScenario("""
            scenario: Wrong expectation
            variables:
              counter: 0
            locks:
              guard: lock
            workers:
              w:
                count: 2
                steps:
                  - with: guard
                    do:
                      - increment: counter
            expect:
              counter: 3
            """)
        #expect(report.status == .expectationFailed, "\(report.brief)")
        #expect(report.expectations == [ExpectationResult(variable: "counter", expected: 3, actual: 2)])
        #expect(report.instances.allSatisfy { $0.status == .finished })
    }

    @Test func daemonsStillRunningOrWaitingAreStopped() throws {
        let report = try runScenario(shared: "daemons")
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.instance("main")?.status == .finished)
        for name in ["ticker", "listener-1", "listener-2"] {
            let instance = try #require(report.instance(name))
            #expect(instance.isDaemon)
            #expect(instance.status == .stopped, "\(name) ended \(instance.status)")
        }
        #expect(report.deadlock == nil)
        let problems = TimelineCheck.lifecycles(report.events, instances: report.instances)
        #expect(problems.isEmpty, "\(problems)")
        #expect(report.events.filter { $0.kind == .stopped }.count == 3)
    }

    @Test func aDaemonThatFinishesIsFinished() throws {
        let report = try runScenario("""
            scenario: Short daemon
            barriers:
              both: 2
            workers:
              helper:
                daemon: true
                steps:
                  - wait: both
              main:
                - wait: both
                - join: helper
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.instance("helper")?.status == .finished)
        #expect(report.instance("main")?.status == .finished)
    }

    @Test func instancesAreNamedAndIndexedAsDeclared() throws {
        let report = try runScenario("""
            scenario: Names
            workers:
              solo:
                - log: "{worker} #{i}"
              crew:
                count: 3
                steps:
                  - log: "{worker} #{i}"
            """)
        #expect(report.status == .ok)
        #expect(report.instances.map(\.name) == ["solo", "crew-1", "crew-2", "crew-3"])
        #expect(report.instances.map(\.index) == [1, 1, 2, 3])
        #expect(report.instances.map(\.worker) == ["solo", "crew", "crew", "crew"])
        for (index, instance) in report.instances.enumerated() {
            let logs = report.events.filter { $0.kind == .log && $0.instance == Int32(index) }.map(\.value)
            #expect(logs == [.text("\(instance.name) #\(instance.index)")])
        }
    }
}
