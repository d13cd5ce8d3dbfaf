import Foundation
import ScenarioRendering
import ScenarioRuntime
import Testing

/// The text and JSON of `run --runs`, from made-up runs.
@Suite("Series renderers")
struct SeriesRendererTests {
    /// Run `index` ends with `counter = value(index)`; runs whose value is odd fail the expectation.
    static func result(runs: Int, seeds: Bool = false, value: @escaping @Sendable (Int) -> Int) async -> SeriesResult {
        var seed: (@Sendable (Int) -> UInt64)?
        var replay: (@Sendable (Int) -> String)?
        if seeds {
            seed = { @Sendable index in UInt64(10 + index) }
            replay = { @Sendable index in "scenario run f.yaml --seed \(10 + index)" }
        }
        let series = RunSeries(
            runs: runs, jobs: 3,
            run: { (index: Int) -> RunReport in
                let counter = value(index)
                return RunReport(
                    scenario: "made up", runtime: "test", status: counter % 2 == 0 ? .ok : .expectationFailed, duration: 0,
                    variables: [NamedValue(name: "counter", value: counter)], queues: [],
                    expectations: [ExpectationResult(variable: "counter", expected: 0, actual: counter % 2)],
                    instances: [], objects: [], deadlock: nil, error: nil, events: Timeline(), contention: [])
            },
            seed: seed, replay: replay)
        return await series.execute()
    }

    static let info = SeriesInfo(scenario: "Made up", runtime: "test", jobs: 3)

    @Test func sharesThatRoundToTheEndsSayAlmost() async {
        let result = await Self.result(runs: 1_000) { $0 == 7 ? 1 : 0 }
        let text = SeriesTextRenderer().render(result, info: Self.info, useColor: false)
        #expect(text.contains("\n  ok: >99% (999)\n  expectation failed: <1% (1)\n"), "\(text)")
        #expect(text.contains("variables\n  counter = 0: >99% (999)\n  counter = 1: <1% (1)\n"), "\(text)")
        #expect(text.contains("  <1% (1): expectation failed (counter), counter = 1\n    first in run 8\n"), "\(text)")
        #expect(text.hasSuffix("status: expectation failed\n"))
    }

    @Test func manyValuesAndOutcomesAreSummedUp() async {
        let result = await Self.result(runs: 30, seeds: true) { $0 * 2 }
        let text = SeriesTextRenderer().render(result, info: Self.info, useColor: false)
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  counter = ") }.count == SeriesTextRenderer.valuesShown)
        #expect(text.contains("  … 20 other values: 67% (20)\n"), "\(text)")
        #expect(text.contains("  … 10 other outcomes: 33% (10) (all of them: --format json)\n"), "\(text)")
        #expect(text.contains("  3% (1): ok, counter = 4\n    first in run 3 (seed 12): scenario run f.yaml --seed 12\n"), "\(text)")
    }

    @Test func jsonListsEveryOutcomeWithItsSeedAndReplay() async throws {
        let result = await Self.result(runs: 30, seeds: true) { $0 * 2 }
        let json = SeriesJSONRenderer().render(result, info: Self.info)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let outcomes = try #require(object["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == 30)
        #expect(outcomes[2]["first_run"] as? Int == 3)
        #expect(outcomes[2]["seed"] as? Int == 12)
        #expect(outcomes[2]["replay"] as? String == "scenario run f.yaml --seed 12")
        #expect(object["status"] as? String == "ok")
        #expect(object["executor"] is NSNull)
    }
}
