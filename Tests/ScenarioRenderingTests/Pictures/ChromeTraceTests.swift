import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime
import ScenarioThreads
import ScenarioValidation
import Testing

@Suite struct ChromeTraceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let scenarioFiles: [String] = {
        let directory = packageRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func everyExampleIsFound() {
        #expect(Self.scenarioFiles.count >= 10)
    }

    @Test(arguments: scenarioFiles) func theTraceOfEveryExampleIsValid(_ name: String) throws {
        let path = Self.packageRoot.appendingPathComponent("scenarios/\(name)").path
        let result = FrontEnd.check(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: name)
        let scenario = try #require(result.scenario, "\(result.diagnostics)")
        let compiled = Compiler.compile(scenario, path: name)
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 50, timeout: 30))
        let picture = RunPicture(report: report, events: report.events, file: name)
        let trace = ChromeTrace.json(picture)
        #expect(ChromeTraceValidator.problems(trace, durationMicroseconds: picture.duration * 1e6) == [])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(trace)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        #expect(events.filter { $0["name"] as? String == "thread_name" }.count == picture.lanes.count)
        #expect(events.filter { $0["ph"] as? String == "s" }.count == picture.links.count)
        #expect(events.filter { $0["ph"] as? String == "X" }.count == picture.spans.count)
    }

    @Test func aFixtureHasItsSlicesArrowsAndCountersInMicroseconds() throws {
        let picture = RunPicture(report: Fixtures.lockCounter, events: Fixtures.lockCounter.events, file: "demo.yaml")
        let trace = ChromeTrace.json(picture)
        #expect(ChromeTraceValidator.problems(trace) == [])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(trace)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        let process = events.first { $0["name"] as? String == "process_name" }
        #expect((process?["args"] as? [String: Any])?["name"] as? String == "counter with lock")
        let blocked = try #require(events.first { $0["cat"] as? String == "blocked" })
        #expect(blocked["name"] as? String == "blocked on mutex")
        #expect(blocked["tid"] as? Int == 2)
        #expect((blocked["ts"] as? NSNumber)?.doubleValue == 15)
        #expect((blocked["dur"] as? NSNumber)?.doubleValue == 1247)
        let flows = events.filter { ["s", "f"].contains($0["ph"] as? String) }
        #expect(flows.map { $0["tid"] as? Int } == [1, 2])
        #expect(flows.map { ($0["ts"] as? NSNumber)?.doubleValue } == [1250, 1262])
        let counter = events.filter { $0["ph"] as? String == "C" }.compactMap { ($0["args"] as? [String: Int])?["value"] }
        #expect(counter == [1, 2])
    }

    @Test func theValidatorCatchesBrokenRules() {
        let broken = """
            {"traceEvents":[
            {"name":"a","ph":"B","ts":5,"pid":1,"tid":1},
            {"name":"b","ph":"i","s":"t","ts":4,"pid":1,"tid":1},
            {"name":"c","ph":"s","id":3,"ts":6,"pid":1,"tid":1},
            {"name":"d","ph":"X","ts":7,"pid":1,"tid":1}
            ]}
            """
        let problems = ChromeTraceValidator.problems(Array(broken.utf8))
        #expect(problems.contains { $0.contains("ts goes back") })
        #expect(problems.contains { $0.contains("B without E") })
        #expect(problems.contains { $0.contains("flow 3: 1 starts and 0 ends") })
        #expect(problems.contains { $0.contains("X without 'dur'") })
        #expect(problems.contains { $0.contains("thread 1 has no thread_name") })
    }
}
