import ScenarioCompiler
@testable import ScenarioRuntime
import ScenarioThreads
import Testing

// Bugs found in a review of the threads runtime, one test (or a few) per finding. None of them
// relies on timing: where real threads are involved the assertion holds in every interleaving,
// and the races themselves are reproduced by driving the monitor and the wait loop directly.

/// A run's shared objects without its threads, to drive the monitor and the wait loop from the test.
private func context(for yaml: String) throws -> RunContext {
    RunContext(scenario: try compileScenario(yaml), speed: 1, streaming: false, waker: NoWaker())
}

@Suite("Review findings: deadlock detection")
struct ReviewDeadlockDetectionTests {
    /// An instance that retries after a park left over from an earlier wait (a barrier that opened
    /// before it parked leaves one) must count as running while it takes the resource. It used to
    /// stay `blocked` until after it had dropped the primitive's mutex, so the last other instance
    /// blocking in that window made the monitor see nobody running: a false deadlock.
    @Test func anInstanceRetryingAfterALeftoverWakeUpCountsAsRunning() throws {
        let context = try context(for: """
            scenario: Two instances and a lock
            locks:
              door: lock
            workers:
              taker:
                - acquire: door
              other:
                - acquire: door
            """)
        let door = try #require(context.scenario.objects.firstIndex { $0.name == "door" })
        guard case .lock(let lock) = context.objects.objects[door] else {
            Issue.record("door is not a lock")
            return
        }
        let interpreter = Interpreter(context: context, instance: 0)
        let wait = Wait(object: door, need: .lock)
        var attempts = 0
        // The first attempt must wait: the instance blocks, and the engine parks it.
        let first = try interpreter.attempt(lock.state, for: wait) { _, _ -> Void? in
            attempts += 1
            return nil
        }
        #expect(first == nil)
        // A wake-up left over from an earlier wait makes the engine retry before any waker marked
        // the instance runnable. The retry succeeds; right now, the other instance blocks for good.
        let second = try interpreter.attempt(lock.state, for: wait) { _, _ -> Void? in
            attempts += 1
            _ = context.monitor.block(1, on: wait, at: 0)
            return ()
        }
        #expect(second != nil)
        #expect(attempts == 2)
        context.monitor.analyseIfDue()  // the analysis a waiting engine thread would run
        #expect(!context.monitor.isStopping, "a deadlock was decided while 'taker' was getting the lock")
        #expect(context.monitor.finalStates[0] == .running)
    }

    /// A non-daemon waiting on a lock held by daemons that then lock each other up can never move
    /// again: the cycle must be reported when it forms, as it is when the non-daemon blocks last.
    @Test func aCycleOfDaemonsThatANonDaemonWaitsOnIsADeadlockWhicheverBlocksLast() throws {
        let context = try context(for: """
            scenario: Daemons in a cycle, a non-daemon behind them
            locks:
              a: lock
              b: lock
            workers:
              main:
                - with: a
                  do: []
              first:
                daemon: true
                steps:
                  - with: a
                    do:
                      - with: b
                        do: []
              second:
                daemon: true
                steps:
                  - with: b
                    do:
                      - with: a
                        do: []
              bystander:
                - sleep: 1s
            """)
        let (a, b) = (try objectID("a", context), try objectID("b", context))
        try hold(a, by: 1, context)  // first holds a
        try hold(b, by: 2, context)  // second holds b
        #expect(context.monitor.block(0, on: Wait(object: a, need: .lock), at: 0))  // main waits for a
        #expect(context.monitor.block(1, on: Wait(object: b, need: .lock), at: 1))  // first waits for b
        _ = context.monitor.block(2, on: Wait(object: a, need: .lock), at: 1)  // second waits for a: a cycle
        // The bystander, a non-daemon, is still running: only the analysis tells that main is stuck.
        context.monitor.analyseIfDue()  // the analysis a waiting engine thread would run
        #expect(context.monitor.isStopping, "the non-daemon stuck behind the daemons' cycle was not noticed")
        #expect(context.monitor.waitForOutcome() == .deadlock(stuck: [0, 1, 2]))
    }

    /// Python lets any thread release a plain Lock, so an instance waiting for a lock it holds
    /// itself is not stuck while another instance can still release it (a lock used as a signal).
    @Test func aPlainLockAnotherInstanceWillReleaseIsNoDeadlock() throws {
        // The setter sleeps so that the waiter has usually blocked when it releases; the outcome
        // must be the same either way.
        let report = try runScenario("""
            scenario: A plain lock used as a signal
            locks:
              ready: lock
            barriers:
              holding: 2
            workers:
              waiter:
                - acquire: ready
                - wait: holding
                - acquire: ready
                - log: "signalled"
                - release: ready
              setter:
                - wait: holding
                - sleep: 100ms
                - release: ready
            """, speed: 1, timeout: 60)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.deadlock == nil)
        #expect(report.events.contains { $0.value == .text("signalled") })
        #expect(report.instances.allSatisfy { $0.status == .finished }, "\(report.brief)")
    }
}

@Suite("Review findings: lock cycles that another instance may break")
struct ReviewForeignReleaseTests {
    /// Instances 0 and 1 wait for each other's lock; instance 2 has `release` steps of its own for
    /// lock `a` (Python lets any thread release a plain Lock).
    static let yaml = """
        scenario: A cycle a third instance may break
        locks:
          a: lock
          b: lock
        workers:
          first:
            - with: a
              do:
                - with: b
                  do: []
          second:
            - with: b
              do:
                - with: a
                  do: []
          breaker:
            - sleep: 1s
            - release: a
        """

    @Test func aCycleThatALiveInstanceMayBreakIsNoDeadlockUntilItCannot() throws {
        let context = try context(for: Self.yaml)
        let (a, b) = (try objectID("a", context), try objectID("b", context))
        try hold(a, by: 0, context)
        try hold(b, by: 1, context)
        #expect(context.monitor.block(0, on: Wait(object: b, need: .lock), at: 1))
        #expect(context.monitor.block(1, on: Wait(object: a, need: .lock), at: 1))
        context.monitor.analyseIfDue()  // the analysis a waiting engine thread would run
        #expect(!context.monitor.isStopping, "the breaker may still release lock a")
        context.monitor.finish(2)  // it did not: now nobody can
        context.monitor.analyseIfDue()  // the analysis a waiting engine thread would run
        #expect(context.monitor.isStopping)
        #expect(context.monitor.waitForOutcome() == .deadlock(stuck: [0, 1]))
    }

    @Test func aBreakerPastItsReleaseStepCannotBreakIt() throws {
        let context = try context(for: Self.yaml)
        let (a, b) = (try objectID("a", context), try objectID("b", context))
        try hold(a, by: 0, context)
        try hold(b, by: 1, context)
        context.monitor.pause(2, at: 2)  // past its release (a position after the last step)
        #expect(context.monitor.block(0, on: Wait(object: b, need: .lock), at: 1))
        _ = context.monitor.block(1, on: Wait(object: a, need: .lock), at: 1)
        context.monitor.analyseIfDue()  // the analysis a waiting engine thread would run
        #expect(context.monitor.isStopping)
        #expect(context.monitor.waitForOutcome() == .deadlock(stuck: [0, 1]))
    }
}

/// The ID of the object called `name`.
private func objectID(_ name: String, _ context: RunContext) throws -> Int {
    try #require(context.scenario.objects.firstIndex { $0.name == name })
}

/// Makes `instance` the holder of lock `object`, as if it had acquired it.
private func hold(_ object: Int, by instance: Int, _ context: RunContext) throws {
    guard case .lock(let lock) = context.objects.objects[object] else {
        Issue.record("object \(object) is not a lock")
        return
    }
    lock.state.withLock { state in
        #expect(state.machine.acquire(by: instance) == .acquired)
    }
    lock.owner.publish(instance)
}

@Suite("Review findings: ends of runs")
struct ReviewEndOfRunTests {
    /// When the system refuses a thread, the run fails as a whole: no instance is blamed for it,
    /// and none of them runs (it used to blame the first instance, run the ones that had a thread,
    /// and record `stopped` for instances that never started).
    @Test func aRefusedThreadFailsTheRunWithoutBlamingOrRunningAnyInstance() throws {
        let compiled = try compileScenario("""
            scenario: More threads than the system gives
            variables:
              counter: 0
            workers:
              w:
                count: 20
                steps:
                  - increment: counter
            """)
        var options = RunOptions(speed: 50, timeout: 30)
        options.maximumThreads = 7
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.status == .error, "\(report.brief)")
        let error = try #require(report.error)
        #expect(error.message.contains("thread number 8"), "\(error.message)")
        #expect(error.location == "test.yaml")
        #expect(report.instances.allSatisfy { $0.status == .stopped }, "\(report.brief)")
        #expect(report.events.isEmpty, "\(report.events.map(\.kind))")
        #expect(report.variable("counter") == 0)
    }

    /// A non-daemon that loops without ever waiting records millions of events a second; the run
    /// used to keep them all until the time-out (30 GB in the default 60 s). Past the limit, it
    /// stops with a runtime error, and the timeline stays whole.
    @Test func aRunThatRecordsTooManyEventsStopsWithAnError() throws {
        let compiled = try compileScenario("""
            scenario: A loop that never waits
            variables:
              counter: 0
            queues:
              jobs: 0
            workers:
              spinner:
                - repeat: 1000000000
                  do:
                    - increment: counter
                - put: jobs
              waiter:
                - get: jobs
              napper:
                daemon: true
                steps:
                  - sleep: 1h
            """)
        // The limit is rounded up to a whole chunk of the store, 65,536 events, and one more chunk is kept.
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 1, timeout: 600, maximumEvents: 10_000))
        #expect(report.status == .error, "\(report.brief)")
        let error = try #require(report.error)
        #expect(error.message.contains("65536 events"), "\(error.message)")
        #expect(report.events.count > 65_536)
        #expect(report.events.count <= 2 * 65_536)
        #expect(report.instance("spinner")?.status == .stopped)
        // The limit may come before or after the waiter got to its `get`.
        #expect([.blocked, .stopped].contains(report.instance("waiter")?.status), "\(report.brief)")
        #expect(report.instance("napper")?.status == .stopped)
        #expect(TimelineCheck.lifecycles(report.events, instances: report.instances).isEmpty)
        #expect(TimelineCheck.seqNumbers(report.events).isEmpty)
    }

    /// Instances that keep the CPUs busy watch the deadline themselves: the engine's thread may
    /// not be scheduled for a long time after its timer fired (a 1 s time-out ended after 30 s
    /// with 5,000 `work` instances on two cores).
    @Test func aWorkingInstanceTimesTheRunOutWhenTheDeadlineHasPassed() throws {
        let context = try context(for: """
            scenario: Work
            workers:
              cruncher:
                - work: 2s
            """)
        context.monitor.setDeadline(monotonicNanoseconds())  // due now, whatever the engine does
        Interpreter(context: context, instance: 0).busyWork(until: monotonicNanoseconds() + 2_000_000_000)
        #expect(context.monitor.isStopping)
        #expect(context.monitor.waitForOutcome() == .timedOut)
    }

    /// The same for an instance looping over steps that never wait (an empty loop records nothing
    /// and never works): a 1 s time-out ended after 52 s with 5,000 of them.
    @Test func aLoopingInstanceTimesTheRunOutWhenTheDeadlineHasPassed() throws {
        let context = try context(for: """
            scenario: Loop
            workers:
              looper:
                - repeat: 1000000
                  do: []
                - log: "looped"
            """)
        context.monitor.setDeadline(monotonicNanoseconds())  // due now, whatever the engine does
        #expect(Interpreter(context: context, instance: 0).advance() == .stopped)
        #expect(context.monitor.isStopping)
        #expect(context.monitor.waitForOutcome() == .timedOut)
        #expect(!context.recorder.timeline().contains { $0.value == .text("looped") })
    }
}
