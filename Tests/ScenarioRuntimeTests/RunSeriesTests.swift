import ScenarioRuntime
import ScenarioThreads
import Synchronization
import Testing

/// `RunSeries`: many runs of one scenario gathered into a distribution, whatever makes the runs.
@Suite("Run series")
struct RunSeriesTests {
    /// A made-up run: every third run fails its expectation with counter = 1, the others end ok
    /// with counter = 2; a queue ends with `index % 2` items.
    static func report(_ index: Int) -> RunReport {
        let failed = index % 3 == 2
        return RunReport(
            scenario: "made up", runtime: "test", status: failed ? .expectationFailed : .ok, duration: 0,
            variables: [NamedValue(name: "counter", value: failed ? 1 : 2)],
            queues: [NamedValue(name: "jobs", value: index % 2)],
            expectations: [ExpectationResult(variable: "counter", expected: 2, actual: failed ? 1 : 2)],
            instances: [], objects: [], deadlock: nil, error: nil, events: Timeline(), contention: [])
    }

    /// Runs end out of order: each yields a number of times that depends on its index.
    static func series(runs: Int, jobs: Int) -> RunSeries {
        RunSeries(
            runs: runs, jobs: jobs,
            run: { index in
                for _ in 0..<((index * 7) % 5) { await Task.yield() }
                return report(index)
            },
            seed: { UInt64(100 + $0) }, replay: { "replay \($0)" })
    }

    @Test func countsAddUpToTheRunsAndEachOutcomeKeepsItsFirstRun() async throws {
        let result = await Self.series(runs: 30, jobs: 4).execute()
        #expect(result.runs == 30)
        #expect(result.requested == 30)
        #expect(!result.interrupted)
        #expect(result.runs(with: .ok) == 20)
        #expect(result.runs(with: .expectationFailed) == 10)
        #expect(RunStatus.seriesOrder.map { result.runs(with: $0) }.reduce(0, +) == 30)
        #expect(result.status == .expectationFailed)

        let counter = try #require(result.variables.first)
        #expect(counter.name == "counter")
        #expect(counter.bars == [.init(value: 2, runs: 20), .init(value: 1, runs: 10)])
        #expect(result.queues.first?.bars == [.init(value: 0, runs: 15), .init(value: 1, runs: 15)])

        // ok with 0 left (run 0), ok with 1 left (run 1), failed with 1 left (run 2), failed with 0 left (run 5).
        let outcomes = result.outcomes
        #expect(outcomes.map(\.firstRun) == [0, 1, 2, 5])
        #expect(outcomes.map(\.runs) == [10, 10, 5, 5])
        #expect(outcomes.map(\.seed) == [100, 101, 102, 105])
        #expect(outcomes.map(\.replay) == ["replay 0", "replay 1", "replay 2", "replay 5"])
        #expect(outcomes[2].outcome.failedExpectations == ["counter"])
        #expect(outcomes[2].outcome.status == .expectationFailed)
    }

    @Test func theResultDoesNotDependOnHowManyRunAtOnce() async {
        let one = await Self.series(runs: 200, jobs: 1).execute()
        for jobs in [3, 16] {
            let many = await Self.series(runs: 200, jobs: jobs).execute()
            #expect(many.outcomes == one.outcomes)
            #expect(many.variables == one.variables)
            #expect(many.queues == one.queues)
            #expect(many.statuses == one.statuses)
        }
    }

    @Test func theMostSevereStatusIsTheSeriesStatus() async {
        let statuses: [RunStatus] = [.ok, .expectationFailed, .timeout, .deadlock, .error]
        for worst in statuses.indices {
            let series = RunSeries(runs: worst + 1, jobs: 2) { index in
                var report = Self.report(0)
                report.status = statuses[index]
                return report
            }
            let result = await series.execute()
            #expect(result.status == statuses[worst])
        }
        #expect(SeriesResult(requested: 0).status == .ok)
    }

    @Test func progressIsReportedAtTheStartAndAfterEveryRun() async {
        let seen = Mutex<[Int]>([])
        _ = await Self.series(runs: 10, jobs: 3).execute { progress in
            seen.withLock { $0.append(progress.done) }
        }
        #expect(seen.withLock { $0 } == Array(0...10))
    }

    @Test func anInterruptStopsTheSeriesAndKeepsWhatEnded() async {
        let scope = InterruptScope()
        defer { scope.end() }
        let series = RunSeries(runs: 1_000, jobs: 1) { index in
            if index == 10 { scope.interrupt() }
            var report = Self.report(index)
            if index == 10 { report.status = .interrupted }
            return report
        }
        let result = await series.execute(interruption: scope)
        #expect(result.interrupted)
        #expect(result.status == .interrupted)
        #expect(result.runs == 10)
    }

    /// A run that starts after Ctrl-C came stops at once, whatever it would do.
    @Test func aRunThatJoinsAnInterruptedScopeIsInterrupted() throws {
        let compiled = try compileScenario("""
            scenario: Endless
            workers:
              sleeper:
                - sleep: 1h
            """)
        let scope = InterruptScope()
        defer { scope.end() }
        scope.interrupt()
        var options = RunOptions(timeout: 60)
        options.interruption = scope
        options.keepsEvents = false
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.status == .interrupted)
    }

    /// Several threads-engine runs at once in one process, each with its own objects.
    @Test func realRunsAtOnceAgreeOnALockedCounter() async throws {
        let compiled = try compileScenario("""
            scenario: Locked counter
            variables: {counter: 0}
            locks: {lock: lock}
            workers:
              adder:
                count: 4
                steps:
                  - repeat: 100
                    do:
                      - with: lock
                        do:
                          - increment: counter
            expect: {counter: 400}
            """)
        var options = RunOptions(timeout: 60)
        options.keepsEvents = false
        let series = RunSeries(runs: 20, jobs: 4) { [options] _ in await ThreadsEngine.run(compiled, options: options) }
        let result = await series.execute()
        #expect(result.runs(with: .ok) == 20)
        #expect(result.variables.first?.bars == [.init(value: 400, runs: 20)])
        #expect(result.outcomes.count == 1)
    }

    @Test func aDeadlocksKindNamesItsObjectsWhicheverInstancesWereCaught() throws {
        let report = try runScenario(shared: "lock-cycle")
        let outcome = RunOutcome(report)
        #expect(outcome.status == .deadlock)
        #expect(outcome.deadlock == "a cycle through lock left, lock right")
    }
}
