import ScenarioRuntime
import ScenarioSimulate
import Testing

@Suite("Simulate: strategies")
struct StrategyTests {
    /// The bug needs `checker` to run all of its steps while `opener` is inside a window deep in
    /// its long run (between its two `set`s): one preemption at the right place. Uniform random
    /// choice almost never lets `opener` get that far ahead; pct does whenever a change point
    /// falls in the window while `opener` has the higher priority.
    static let window = """
        scenario: A narrow window
        variables:
          progress: 0
          open: 0
          noise: 0
          seen: 0
        workers:
          opener:
            - repeat: 50
              do:
                - increment: progress
            - set: open
              to: 1
            - repeat: 20
              do:
                - increment: progress
            - set: open
              to: 0
          checker:
            - repeat: 30
              do:
                - increment: noise
            - set: seen
              to: "{open}"
        expect:
          seen: 0
        """

    @Test func pctFindsAPreemptionBugFarMoreOftenThanRandom() throws {
        let seeds = 0..<200
        let random = try seeds.filter { try simulate(Self.window, seed: UInt64($0)).status == .expectationFailed }.count
        let pct = try seeds.filter {
            try simulate(Self.window, seed: UInt64($0), strategy: .pct, depth: 2).status == .expectationFailed
        }.count
        #expect(pct >= 10, "pct found the bug with \(pct) of 200 seeds")
        #expect(random <= 2, "random found the bug with \(random) of 200 seeds")
        #expect(pct >= 5 * max(1, random))
    }

    @Test func anEnormousDepthIsHeldToTheMaximumAndDoesNotOverflow() throws {
        // Int.max trapped on the first priority (depth + rank); millions cost gigabytes of change points.
        #expect(SimulationSettings(strategy: .pct, depth: .max).depth == SimulationSettings.maximumDepth)
        let report = try simulate(Self.window, seed: 1, strategy: .pct, depth: .max)
        #expect(report.depth == SimulationSettings.maximumDepth)
        #expect(report.status == .ok || report.status == .expectationFailed)
    }

    @Test func pctWithDepthOneRunsEachInstanceToItsEndInPriorityOrder() throws {
        // Without change points, whichever instance has the higher priority runs all its steps first.
        for seed in 0..<10 {
            let report = try simulate(Self.window, seed: UInt64(seed), strategy: .pct, depth: 1)
            let starts = report.events.filter { $0.kind == .start || $0.kind == .finish }.map(\.kind)
            #expect(starts == [.start, .finish, .start, .finish])
        }
    }
}

@Suite("Simulate: virtual time, deadlocks and time-outs")
struct VirtualTimeTests {
    @Test func anHourOfSleepTakesNoRealTimeAndShowsInTheTimeline() throws {
        let report = try simulate("""
            scenario: Long nap
            workers:
              sleeper:
                - sleep: 1h
                - log: "awake"
            """)
        #expect(report.status == .ok)
        let awake = try #require(report.events.first { $0.kind == .log })
        #expect(awake.nanoseconds == 3_600_000_000_000)
        #expect(report.duration == 3600)
        #expect(report.jsonLines.contains("\"t\":3600"))
    }

    @Test func workKeepsOnlyItsOwnInstanceBusy() throws {
        let report = try simulate("""
            scenario: Parallel work
            workers:
              cruncher:
                count: 4
                steps:
                  - work: 1s
            """)
        // Virtual cores are unlimited: four seconds of work end after one second.
        #expect(report.duration == 1)
    }

    @Test func aLockCycleIsADeadlockWithEverySeed() throws {
        let cycle = """
            scenario: Cycle
            locks:
              left: lock
              right: lock
            barriers:
              both: 2
            workers:
              first:
                - acquire: left
                - wait: both
                - acquire: right
              second:
                - acquire: right
                - wait: both
                - acquire: left
              sleeper:
                - sleep: 1h
            """
        for seed in 0..<10 {
            let report = try simulate(cycle, seed: UInt64(seed))
            #expect(report.status == .deadlock)
            #expect(report.deadlock?.cycle.isEmpty == false)
            // Decided as the cycle formed, not after the sleeper's hour.
            #expect(report.duration == 0)
        }
    }

    @Test func theTimeOutCountsVirtualTime() throws {
        let report = try simulate("""
            scenario: Forever
            workers:
              ticker:
                - repeat: forever
                  do:
                    - sleep: 1s
            """, timeout: 5)
        #expect(report.status == .timeout)
        #expect(report.duration == 5)
        #expect(report.events.filter { $0.kind == .wake }.count == 5)
    }

    @Test func aTimerPastTheTimeOutEndsTheRunAtTheTimeOut() throws {
        let report = try simulate("""
            scenario: Late help
            semaphores:
              permit: 0
            workers:
              waiter:
                - acquire: permit
              helper:
                - sleep: 24h
                - release: permit
            """, timeout: 2)
        #expect(report.status == .timeout)
        #expect(report.duration == 2)
    }
}
