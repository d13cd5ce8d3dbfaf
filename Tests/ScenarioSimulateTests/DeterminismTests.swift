import ScenarioRendering
import ScenarioRuntime
import ScenarioSimulate
import Testing

@Suite("Simulate: the same seed, the same run")
struct DeterminismTests {
    static let busy = """
        scenario: Busy
        variables:
          counter: 0
        locks:
          door: lock
        queues:
          jobs: 2
        workers:
          producer:
            count: 2
            steps:
              - repeat: 20
                do:
                  - put: jobs
                    value: "{worker} {round}"
              - increment: counter
          consumer:
            count: 3
            steps:
              - repeat: forever
                do:
                  - get: jobs
                  - with: door
                    do:
                      - increment: counter
                  - sleep: 1ms
                  - task_done: jobs
            daemon: true
          main:
            - join: producer
            - join: jobs
        """

    @Test(arguments: [SimulationStrategy.random, .pct], [UInt64(0), 1, 42, .max])
    func aSeedGivesByteIdenticalTimelinesAndReports(_ strategy: SimulationStrategy, _ seed: UInt64) throws {
        let first = try simulate(Self.busy, seed: seed, strategy: strategy)
        let second = try simulate(Self.busy, seed: seed, strategy: strategy)
        #expect(first.status == .ok, "\(first.error?.message ?? "")")
        #expect(first.jsonLines == second.jsonLines)
        #expect(JSONReportRenderer().render(first) == JSONReportRenderer().render(second))
        #expect(first.seed == seed)
        #expect(first.strategy == strategy.rawValue)
        #expect(first.depth == (strategy == .pct ? 3 : nil))
    }

    @Test func differentSeedsGiveDifferentSchedules() throws {
        let timelines = Set(try (0..<8).map { try simulate(Self.busy, seed: UInt64($0)).jsonLines })
        #expect(timelines.count > 1)
    }

    /// Pinned schedules: a change to the generator or to where the scheduling points are shows here.
    @Test(arguments: [UInt64(0), 1, 2])
    func lostUpdateTimelinesMatchTheirGoldens(_ seed: UInt64) throws {
        let report = try simulate(lostUpdate, seed: seed)
        try expectGolden(report.jsonLines, "lost-update.seed-\(seed).jsonl")
    }

    @Test func someSeedsLoseAnUpdateAndSomeDoNot() throws {
        let finals = try (0..<40).map { try simulate(lostUpdate, seed: UInt64($0)).value(of: "counter") }
        #expect(finals.contains(1))
        #expect(finals.contains(2))
        #expect(finals.allSatisfy { $0 == 1 || $0 == 2 })
    }

    @Test func aRunWithALockNeverLosesAnUpdate() throws {
        let guarded = """
            scenario: Guarded
            variables:
              counter: 0
            locks:
              door: lock
            workers:
              adder:
                count: 3
                steps:
                  - repeat: 10
                    do:
                      - with: door
                        do:
                          - increment: counter
            expect:
              counter: 30
            """
        for seed in 0..<20 {
            #expect(try simulate(guarded, seed: UInt64(seed)).status == .ok)
        }
    }
}
