import Foundation
import Testing

/// `scenario run --trace FILE` and `scenario show TIMELINE --trace FILE`, end to end; the
/// timeline's step lines and report trailer that `show` draws from.
@Suite("Traces and saved runs")
struct TraceCLITests {
    static let scenario = """
        scenario: Two in a door
        variables:
          counter: 0
        locks:
          door: lock
        workers:
          w:
            count: 2
            steps:
              - acquire: door
              - sleep: 2ms
              - increment: counter
              - release: door
        expect:
          counter: 2
        """

    /// In virtual time, the second instance always tries the door while the first sleeps with it
    /// (real threads may start too late under load and find it free).
    static let simulated = ["--runtime", "simulate", "--seed", "1"]

    /// The trace's events, after the checks every trace must pass.
    static func traceEvents(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        let events = try #require(root["traceEvents"] as? [[String: Any]], sourceLocation: sourceLocation)
        let names = events.filter { $0["name"] as? String == "thread_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names == ["w-1", "w-2"], sourceLocation: sourceLocation)
        let starts = events.filter { $0["ph"] as? String == "s" }.compactMap { $0["id"] as? Int }
        let ends = events.filter { $0["ph"] as? String == "f" }.compactMap { $0["id"] as? Int }
        #expect(!starts.isEmpty && starts.sorted() == ends.sorted(), "every arrow has one start and one end", sourceLocation: sourceLocation)
        return events
    }

    @Test func runWritesATraceWithATrackPerInstanceAndAnArrowPerWait() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", Self.scenario)
        let run = try spawnScenario(["run", scenario, "--quiet", "--color", "never", "--trace", directory.path("door.trace.json")] + Self.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        let events = try Self.traceEvents(try directory.read("door.trace.json"))
        // One waited for the door while the other slept holding it.
        #expect(events.contains { $0["name"] as? String == "blocked on door" && $0["ph"] as? String == "X" })
        #expect(events.contains { $0["name"] as? String == "sleeping" })
        let acquire = try #require(events.first { $0["name"] as? String == "acquire door" })
        #expect((acquire["args"] as? [String: Any])?["line"] as? Int == 10)
        #expect(events.contains { $0["ph"] as? String == "C" && $0["name"] as? String == "counter" })
    }

    @Test func showDrawsASavedRunAndItsTrailerGivesTheOutcome() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", Self.scenario)
        let timeline = directory.path("door.jsonl")
        let run = try spawnScenario(["run", scenario, "--quiet", "--color", "never", "--timeline", timeline] + Self.simulated)
        #expect(run.exited(with: 0), "\(run.summary)")
        let lines = try directory.read("door.jsonl").split(separator: "\n")
        // Each step's event says its line; the last line is the report.
        #expect(lines.contains { $0.contains(#""event":"acquire","object":"door","line":10}"#) })
        let last = String(try #require(lines.last))
        let trailer = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let report = try #require(trailer["report"] as? [String: Any])
        #expect(report["status"] as? String == "ok")
        #expect(report["variables"] as? [String: Int] == ["counter": 2])
        #expect(report["events"] == nil)

        let shown = try spawnScenario(["show", timeline, "--trace", "-"])
        #expect(shown.exited(with: 0), "\(shown.summary)")
        let events = try Self.traceEvents(shown.stdout)
        #expect(events.contains { $0["name"] as? String == "blocked on door" })

        // A replay and a diff still read the file.
        let diff = try spawnScenario(["diff", timeline, timeline])
        #expect(diff.exited(with: 0), "\(diff.summary)")
        let replay = try spawnScenario(["run", scenario, "--runtime", "simulate", "--replay", timeline, "--quiet", "--color", "never"])
        #expect(replay.exited(with: 0), "\(replay.summary)")
    }

    @Test func showRefusesWhatIsNotATimeline() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("door.yaml", Self.scenario)
        let missing = try spawnScenario(["show", directory.path("none.jsonl"), "--trace", "-"])
        #expect(missing.exited(with: 2))
        #expect(missing.stderr.contains("none.jsonl: error: cannot read the timeline"))
        let notATimeline = try spawnScenario(["show", scenario, "--trace", "-"])
        #expect(notATimeline.exited(with: 2))
        #expect(notATimeline.stderr.contains("door.yaml:1: error:"), "\(notATimeline.stderr)")
        let nothingAsked = try spawnScenario(["show", scenario])
        #expect(nothingAsked.exited(with: 2))
        #expect(nothingAsked.stderr.contains("--trace FILE"))
    }

    @Test func showHelpTeachesWithExamples() throws {
        let help = try spawnScenario(["help", "show"])
        #expect(help.exited(with: 0))
        #expect(help.stdout.contains("scenario show run.jsonl --trace run.trace.json"))
        #expect(help.stdout.contains("ui.perfetto.dev"))
    }
}
