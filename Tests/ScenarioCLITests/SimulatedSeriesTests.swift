import Foundation
import Testing

/// `--runs N` under `--runtime simulate`: each run is the next seed, so the distribution is the
/// same on every machine and for every `--jobs`, and each outcome names the seed that replays it.
@Suite("scenario run --runtime simulate --runs")
struct SimulatedSeriesTests {
    static let racy = """
        scenario: Two increments, no lock
        variables:
          counter: 0
        workers:
          adder:
            count: 2
            steps:
              - increment: counter
        expect:
          counter: 2
        """

    /// The JSON without the keys that measure real time.
    static func counts(_ run: ProcessOutput) throws -> String {
        var object = try run.jsonObject()
        object["duration"] = nil
        object["runs_per_second"] = nil
        object["jobs"] = nil
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theDistributionOfSeedsDoesNotDependOnJobs() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("racy.yaml", Self.racy)
        let one = try runScenario(["run", file, "--runtime", "simulate", "--runs", "300", "--jobs", "1", "--format", "json"])
        let three = try runScenario(["run", file, "--runtime", "simulate", "--runs", "300", "--jobs", "3", "--format", "json"])
        #expect(one.exited(with: 1), "\(one.summary)")
        #expect(try Self.counts(one) == Self.counts(three))
        let object = try one.jsonObject()
        #expect(object["runtime"] as? String == "simulate")
        let variables = try #require(object["variables"] as? [[String: Any]])
        let values = try #require(variables.first?["values"] as? [[String: Int]])
        // Both outcomes of a lost update happen among 300 seeds, and they add up.
        #expect(Set(values.compactMap { $0["value"] }) == [1, 2])
        #expect(values.compactMap { $0["runs"] }.reduce(0, +) == 300)
    }

    @Test func eachOutcomeNamesTheSeedThatReplaysIt() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("racy.yaml", Self.racy)
        let series = try runScenario(["run", file, "--runtime", "simulate", "--seed", "40", "--runs", "50", "--format", "json"])
        let outcomes = try #require(try series.jsonObject()["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            let seed = try #require(outcome["seed"] as? Int)
            let firstRun = try #require(outcome["first_run"] as? Int)
            #expect(seed == 40 + firstRun - 1)
            let replay = try #require(outcome["replay"] as? String)
            #expect(replay.hasSuffix("--runtime simulate --seed \(seed) --strategy random"))
            // Replaying that seed alone gives that outcome's final counter.
            let single = try runScenario(["run", file, "--runtime", "simulate", "--seed", String(seed), "--format", "json"])
            let variables = try #require(outcome["variables"] as? [[String: Any]])
            let expected = try #require(variables.first?["value"] as? Int)
            #expect(try single.jsonObject()["variables"] as? [String: Int] == ["counter": expected])
        }
    }

    @Test func aSeriesCannotReplayOneRecordedRun() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("racy.yaml", Self.racy)
        let timeline = directory.path("run.jsonl")
        _ = try runScenario(["run", file, "--runtime", "simulate", "--timeline", timeline, "--quiet"])
        let refused = try runScenario(["run", file, "--runtime", "simulate", "--replay", timeline, "--runs", "5"])
        #expect(refused.exited(with: 2), "\(refused.summary)")
        #expect(refused.stderr.contains("--replay follows one recorded run"))
    }
}
