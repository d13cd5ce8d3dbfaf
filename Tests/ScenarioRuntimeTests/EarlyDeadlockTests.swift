import ScenarioCompiler
@testable import ScenarioRuntime
import Testing

// A deadlock is decided as soon as no instance able to move has a step left that could help a
// blocked non-daemon, even while other instances still run; and it is explained in lines that
// grow linearly with the number of instances. None of these tests relies on timing: each
// scenario deadlocks whatever the interleaving, and each assertion holds in every interleaving.

@Suite("Deadlocks decided while others still run")
struct EarlyDeadlockTests {
    /// The case: a daemon sleeping in a loop forever can never put to the queue main
    /// waits on. It used to end in a time-out after 60 s.
    @Test func aDaemonThatCanNeverPutDoesNotKeepADeadlockAlive() throws {
        let report = try runScenario("""
            scenario: Nobody will ever put
            queues:
              jobs: 0
            workers:
              ticker:
                daemon: true
                steps:
                  - repeat: forever
                    do:
                      - sleep: 100ms
              main:
                - get: jobs
            """, speed: 1, timeout: 60)
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits == ["main waits for an item in queue jobs, which is empty"])
        #expect(deadlock.running == [
            "daemon ticker is still running, but none of the steps it has left would put to queue jobs"
        ])
        #expect(report.instance("ticker")?.status == .stopped)
        #expect(report.duration < 30, "decided at once, not at the time-out")
    }

    /// A worker that has put its last item can help no more: the second `get` is stuck once the
    /// putter has passed its `put` and sleeps in a loop.
    @Test func anInstancePastItsLastPutCannotHelp() throws {
        let report = try runScenario("""
            scenario: One item for two gets
            queues:
              jobs: 0
            workers:
              producer:
                daemon: true
                steps:
                  - put: jobs
                  - repeat: forever
                    do:
                      - sleep: 50ms
              main:
                - get: jobs
                - get: jobs
            """, speed: 1, timeout: 60)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.deadlock?.waits == ["main waits for an item in queue jobs, which is empty"])
        #expect(report.events.filter { $0.kind == .get }.count == 1)
    }

    /// Where help is still possible, nothing changes: a producer that will put after a long
    /// sleep keeps the consumer's wait alive until the time-out.
    @Test func anInstanceThatMayStillHelpKeepsTheRunGoing() throws {
        let report = try runScenario("""
            scenario: A late producer
            queues:
              jobs: 0
            workers:
              producer:
                - sleep: 1h
                - put: jobs
              consumer:
                - get: jobs
            """, speed: 1, timeout: 0.3)
        #expect(report.status == .timeout, "\(report.brief)")
        #expect(report.deadlock == nil)
        #expect(report.instance("consumer")?.status == .blocked)
    }

    /// A loop whose count is read at run time may run no round at all, so a step after it may
    /// still come: no early deadlock.
    @Test func aStepAfterALoopOfUnknownCountMayStillHelp() throws {
        let report = try runScenario("""
            scenario: Maybe later
            variables:
              rounds: 1000000
            queues:
              jobs: 0
            workers:
              producer:
                - repeat: "{rounds}"
                  do:
                    - sleep: 1h
                - put: jobs
              consumer:
                - get: jobs
            """, speed: 1, timeout: 0.3)
        #expect(report.status == .timeout, "\(report.brief)")
    }

    /// Joining a worker whose instances can never finish: decided when the last of them blocks.
    @Test func aWorkerInAForeverLoopNeverFinishes() throws {
        let report = try runScenario("""
            scenario: Join of an endless worker
            workers:
              spinner:
                daemon: true
                steps:
                  - repeat: forever
                    do:
                      - sleep: 20ms
              main:
                - join: spinner
            """, speed: 1, timeout: 60)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.deadlock?.waits == ["main waits for worker spinner to finish (not finished: spinner still running)"])
        #expect(report.deadlock?.running == [
            "daemon spinner is still running, but none of the steps it has left would finish (as worker spinner)"
        ])
    }

    /// A lock held by an instance that finished is never released: the holder is said to have finished.
    @Test func aLockKeptByAFinishedInstanceSaysSo() throws {
        let report = try runScenario("""
            scenario: Gone with the lock
            locks:
              door: lock
            workers:
              holder:
                - acquire: door
              taker:
                - join: holder
                - acquire: door
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.deadlock?.waits == ["taker waits for lock door, held by holder, which finished without releasing it"])
        let door = try #require(report.contention.first { $0.name == "door" })
        #expect(door.acquisitions == 1)
        #expect(door.contended == 1, "the blocked attempt counts as contended")
        #expect(door.stillWaiting == 1)
    }
}

@Suite("Deadlock explanations grow linearly")
struct LinearExplanationTests {
    /// 2,000 instances at a barrier of 2,001 parties: one line naming a few of them, and every
    /// waiter named once in the objects list (it used to be one line per waiter naming every arrival).
    @Test func manyWaitersAtABarrierMakeOneLine() throws {
        let report = try runScenario("""
            scenario: A barrier one short
            barriers:
              gate: 2001
            workers:
              w:
                count: 2000
                steps:
                  - wait: gate
            """, timeout: 120)
        #expect(report.status == .deadlock, "\(report.brief)")
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits.count == 1)
        let line = try #require(deadlock.waits.first)
        #expect(line.hasPrefix("2,000 instances of w wait for barrier gate (2,000 of 2,001 parties arrived): "), "\(line)")
        #expect(line.hasSuffix(" … and 1,997 more"), "\(line)")
        #expect(line.count < 200)
        #expect(deadlock.objects.count == 1)
        #expect(deadlock.objects.first?.waiting.count == 2000)
        // Each blocked instance's own description is short too.
        let longest = report.instances.compactMap(\.waitingFor).map(\.count).max() ?? 0
        #expect(longest < 100)
    }

    /// Semaphore holders and unfinished workers are listed a few at a time.
    @Test func longListsOfHoldersAreCut() throws {
        let report = try runScenario("""
            scenario: Permits kept by many
            semaphores:
              slots: 50
            barriers:
              all: 51
            workers:
              keeper:
                count: 50
                steps:
                  - acquire: slots
                  - wait: all
              late:
                - wait: all
                - acquire: slots
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        let line = try #require(report.deadlock?.waits.first)
        #expect(line.hasPrefix("late waits for semaphore slots (0 of 50 permits free; held by keeper-1, keeper-2, keeper-3 … and 47 more)"),
                "\(line)")
        #expect(report.deadlock?.objects.first?.holders.count == 50)
    }
}

@Suite("Progress analysis")
struct ProgressAnalysisTests {
    /// What an instance standing at each step may still do, loops included.
    @Test func helpReachesBackThroughLoopsButNotOutOfForeverLoops() throws {
        let scenario = try compileScenario("""
            scenario: Shapes of programs
            queues:
              q: 0
            locks:
              l: lock
            workers:
              w:
                - repeat: 3
                  do:
                    - sleep: 1ms
                    - put: q
                - repeat: forever
                  do:
                    - sleep: 1ms
                - release: l
            """)
        let table = HelpTable(scenario)
        let q = try #require(scenario.objects.firstIndex { $0.name == "q" })
        let l = try #require(scenario.objects.firstIndex { $0.name == "l" })
        let w = try #require(scenario.objects.firstIndex { $0.name == "w" })
        let put = HelpTable.token(q, .primary)
        let release = HelpTable.token(l, .primary)
        let finish = HelpTable.token(w, .primary)
        // 0 loopStart, 1 sleep, 2 put, 3 loopEnd, 4 loopStart(forever), 5 sleep, 6 loopEnd, 7 release.
        #expect(table.contains(program: 0, pc: 0, token: put))
        #expect(table.contains(program: 0, pc: 3, token: put), "the counted loop may run again")
        #expect(!table.contains(program: 0, pc: 5, token: put))
        #expect(!table.contains(program: 0, pc: 0, token: release), "nothing leaves a forever loop")
        #expect(!table.contains(program: 0, pc: 0, token: finish))
        #expect(table.contains(program: 0, pc: 8, token: finish), "past the last step, it finishes")
    }
}

@Suite("Runtime messages")
struct RuntimeMessageTests {
    /// Releasing an rlock once more than it was acquired names the instance that does not hold it.
    @Test func anRLockReleasedTooOftenIsNotHeldByTheReleaser() throws {
        let report = try runScenario("""
            scenario: One release too many
            locks:
              r: rlock
            workers:
              w:
                count: 1
                steps:
                  - acquire: r
                  - release: r
                  - release: r
            """)
        #expect(report.status == .error, "\(report.brief)")
        #expect(report.error?.message
            == "'w' releases rlock 'r', which is not held by 'w' (it is not held at all: more releases than acquisitions)")
        #expect(report.error?.location == "test.yaml:10:9")
    }
}

@Suite("Deadlock explanations, from the try-out")
struct TryOutExplanationTests {
    /// A third instance will release `a`, which lets `y` finish still holding `b`: `x` is stuck,
    /// and the explanation names only what `x` needs, and who alone can give it.
    @Test func aRunningInstanceIsToldOnlyWhatItCannotGive() throws {
        let report = try runScenario("""
            scenario: A release that does not help
            locks:
              a: lock
              b: lock
            barriers:
              both: 2
            workers:
              x: [{acquire: a}, {wait: both}, {acquire: b}]
              y: [{acquire: b}, {wait: both}, {acquire: a}]
              fixer: [{sleep: 1h}, {release: a}]
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        let running = report.deadlock?.running ?? []
        #expect(running.contains(
            "fixer is still running, but none of the steps it has left would release lock b, which only its holder y can release"),
            "\(running)")
        // fixer will release a: no line may say it would not.
        #expect(!running.contains { $0.contains("release lock a") }, "\(running)")
    }

    /// A cycle through a semaphore whose only permit one instance holds is a cycle too.
    @Test func aCycleThroughASemaphoreIsNamed() throws {
        let report = try runScenario("""
            scenario: Semaphore and lock
            locks:
              a: lock
            semaphores:
              s: 1
            barriers:
              both: 2
            workers:
              x:
                - with: a
                  do:
                    - wait: both
                    - with: s
                      do: []
              y:
                - with: s
                  do:
                    - wait: both
                    - with: a
                      do: []
            """)
        // Each would release what it holds, so the deadlock is certain only once both wait.
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(Set(report.deadlock?.cycle ?? []) == ["x holds a, waits for s", "y holds s, waits for a"])
    }

    /// Waits that never ended count up to the end of the run in the statistics.
    @Test func aWaitStillGoingCountsInTheStatistics() throws {
        let report = try runScenario("""
            scenario: Waiting at the end
            locks:
              door: lock
            workers:
              holder:
                - acquire: door
                - sleep: 200ms
              taker:
                - sleep: 50ms
                - acquire: door
            """, speed: 1)
        #expect(report.status == .deadlock, "\(report.brief)")
        let door = try #require(report.contention.first)
        #expect(door.stillWaiting == 1)
        #expect(door.longestWait > 0)
        #expect(door.totalWait == door.longestWait)
    }
}
