import Foundation
import Testing

/// `--runtime simulate --replay TIMELINE`: following the interleaving of a recorded run.
@Suite("scenario run --replay")
struct ReplayCLITests {
    static let racy = """
        scenario: Racy counter
        variables:
          counter: 0
        locks:
          door: lock
        queues:
          done: 0
        workers:
          adder:
            count: 3
            steps:
              - repeat: 30
                do:
                  - increment: counter
              - with: door
                do:
                  - log: "{worker} saw {counter}"
              - put: done
          main:
            - repeat: 3
              do:
                - get: done
        """

    /// Per object, its events in order (who, what, value), without `block`, `pass` and
    /// `stopped`, which do not lead the schedule; and the final state.
    static func digest(_ timeline: String) throws -> [String: [String]] {
        var perObject: [String: [String]] = [:]
        for line in timeline.split(separator: "\n") where line.contains("\"seq\"") {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let kind = event["event"] as? String ?? ""
            guard !["block", "pass", "stopped"].contains(kind) else { continue }
            let key = event["object"] as? String ?? "(none)"
            perObject[key, default: []].append("\(event["worker"] ?? "") \(kind) \(event["value"] ?? "")")
        }
        return perObject
    }

    @Test(arguments: [["--runtime", "threads"], ["--runtime", "async", "--executor", "pool"], ["--runtime", "simulate", "--seed", "3"]])
    func aReplayReproducesEveryObjectsOrderAndTheFinalState(_ recorded: [String]) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        let original = try runScenario(["run", path, "--timeline", directory.path("run.jsonl"), "--format", "json"] + recorded)
        #expect(original.exited(with: 0), "\(original.summary)")
        let replay = try runScenario([
            "run", path, "--runtime", "simulate", "--replay", directory.path("run.jsonl"),
            "--timeline", directory.path("replayed.jsonl"), "--format", "json",
        ])
        #expect(replay.exited(with: 0), "\(replay.summary)")
        #expect(try Self.digest(directory.read("run.jsonl")) == Self.digest(directory.read("replayed.jsonl")))
        let before = try #require(try JSONSerialization.jsonObject(with: Data(original.stdout.utf8)) as? [String: Any])
        let after = try #require(try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
        #expect(before["variables"] as? [String: Int] == after["variables"] as? [String: Int])
        #expect(after["strategy"] as? String == "replay")
        #expect(after["seed"] is NSNull)
    }

    /// A step that reads variables reads them where its event stands in the timeline, so a
    /// replay shows the same values: the watcher's logs and copies, read while two adders write,
    /// come out the same (before, a log read a value, others wrote, and then its event was recorded).
    @Test(arguments: [["--runtime", "threads"], ["--runtime", "async", "--executor", "pool"]])
    func stepsThatReadVariablesReplayWithTheSameValues(_ recorded: [String]) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("watched.yaml", """
            scenario: Watching a counter
            variables:
              counter: 0
              copy: 0
              total: 0
            workers:
              adder:
                count: 2
                steps:
                  - repeat: 300
                    do:
                      - increment: counter
              watcher:
                - repeat: 300
                  do:
                    - log: "saw {counter} and {copy}"
                    - set: copy
                      to: "{counter}"
                    - increment: total
                      by: "{counter % 7}"
                    - repeat: "{counter % 2}"
                      do:
                        - log: odd
            """)
        let original = try runScenario(["run", path, "--timeline", directory.path("run.jsonl"), "--quiet"] + recorded)
        #expect(original.exited(with: 0), "\(original.summary)")
        let replay = try runScenario([
            "run", path, "--runtime", "simulate", "--replay", directory.path("run.jsonl"),
            "--timeline", directory.path("replayed.jsonl"), "--quiet",
        ])
        #expect(replay.exited(with: 0), "\(replay.summary)")
        #expect(try Self.digest(directory.read("run.jsonl")) == Self.digest(directory.read("replayed.jsonl")))
    }

    /// The events of a timeline file, its header left out.
    static func events(_ timeline: String) -> [Substring] {
        timeline.split(separator: "\n").filter { $0.contains("\"seq\"") }
    }

    @Test(arguments: [["--seed", "3"], ["--seed", "5", "--strategy", "pct"]])
    func aReplayOfASimulatedRunIsTheSameTimelineBlocksIncluded(_ schedule: [String]) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--timeline", directory.path("run.jsonl"), "--quiet"] + schedule)
        let replay = try runScenario([
            "run", path, "--runtime", "simulate", "--replay", directory.path("run.jsonl"),
            "--timeline", directory.path("replayed.jsonl"), "--quiet",
        ])
        #expect(replay.exited(with: 0), "\(replay.summary)")
        let recorded = Self.events(try directory.read("run.jsonl"))
        #expect(recorded.contains { $0.contains("\"event\":\"block\"") }, "the example must make someone wait")
        #expect(Self.events(try directory.read("replayed.jsonl")) == recorded)
    }

    @Test(arguments: [["--runtime", "threads"], ["--runtime", "async"], ["--runtime", "async", "--executor", "pool"]])
    func diffSaysARecordingAndItsReplayAreTheSame(_ recorded: [String]) throws {
        let directory = try TemporaryDirectory()
        // main waits for the sleeper: its `block` is in every recording, and must be in the replay.
        let path = try directory.write("sleepy.yaml", """
            scenario: Waiting for a sleeper
            workers:
              sleeper:
                - sleep: 50ms
                - log: done
              main:
                - join: sleeper
                - log: joined
            """)
        _ = try runScenario(["run", path, "--timeline", directory.path("run.jsonl"), "--quiet"] + recorded)
        let replay = try runScenario([
            "run", path, "--runtime", "simulate", "--replay", directory.path("run.jsonl"),
            "--timeline", directory.path("replayed.jsonl"), "--quiet",
        ])
        #expect(replay.exited(with: 0), "\(replay.summary)")
        let diff = try runScenario(["diff", directory.path("run.jsonl"), directory.path("replayed.jsonl"), "--color", "never"])
        #expect(diff.exited(with: 0), "\(diff.summary)")
    }

    @Test func aHeaderLineWithoutSeqIsSkipped() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--seed", "1", "--timeline", directory.path("run.jsonl"), "--quiet"])
        let header = "{\"timeline\":1,\"scenario\":\"Racy counter\",\"runtime\":\"simulate\"}\n"
        let withHeader = try directory.write("headed.jsonl", header + directory.read("run.jsonl"))
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", withHeader, "--quiet"])
        #expect(replay.exited(with: 0), "\(replay.summary)")
    }

    @Test func aTamperedTimelineStopsWhereTheScenarioCannotFollow() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--seed", "2", "--timeline", directory.path("run.jsonl"), "--quiet"])
        var lines = try directory.read("run.jsonl").split(separator: "\n").map(String.init)
        // The first `put` becomes a `get`: no instance of adder does that.
        let index = try #require(lines.firstIndex { $0.contains("\"event\":\"put\"") })
        lines[index] = lines[index].replacingOccurrences(of: "\"event\":\"put\"", with: "\"event\":\"get\"")
        let tampered = try directory.write("tampered.jsonl", lines.joined(separator: "\n") + "\n")
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", tampered, "--quiet", "--color", "never"])
        #expect(replay.exited(with: 5), "\(replay.summary)")
        #expect(replay.stdout.contains("\(tampered):\(index + 1): runtime error: the replay expected"), "\(replay.summary)")
        #expect(replay.stdout.contains("get done"), "\(replay.summary)")
        #expect(replay.stdout.contains("but the scenario did"), "\(replay.summary)")
    }

    @Test func aHugeValueIsElidedInTheMessage() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--timeline", directory.path("run.jsonl"), "--quiet"])
        var lines = try directory.read("run.jsonl").split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("\"event\":\"log\"") })
        let huge = String(repeating: "y", count: 200_000)
        // A put of a huge item where the run logs (a log's own text is not compared).
        lines[index] = lines[index].replacing(#/"value":"[^"]*"/#, with: "\"value\":\"\(huge)\"")
            .replacingOccurrences(of: "\"event\":\"log\"", with: "\"event\":\"put\",\"object\":\"done\"")
        let tampered = try directory.write("tampered.jsonl", lines.joined(separator: "\n") + "\n")
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", tampered, "--quiet", "--color", "never"])
        #expect(replay.exited(with: 5), "\(replay.summary)")
        #expect(replay.stdout.contains("the replay expected"), "\(replay.summary)")
        #expect(replay.stdout.contains("yyyy…"), "\(replay.summary)")
        #expect(replay.stdout.utf8.count < 3_000, "\(replay.summary)")
    }

    @Test func aReportIsToldApartFromATimeline() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        let report = try runScenario(["run", path, "--runtime", "simulate", "--format", "json"])
        let file = try directory.write("run.json", report.stdout)
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", file])
        #expect(replay.exited(with: 2), "\(replay.summary)")
        #expect(
            replay.stderr.contains("run.json: error: this is a JSON report (--format json), not a timeline; --replay follows a timeline file: record the run with --timeline FILE"),
            "\(replay.summary)")
    }

    @Test func aTimelineWithoutReadsSaysItIsOfAnOlderKind() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--timeline", directory.path("run.jsonl"), "--quiet"])
        let lines = try directory.read("run.jsonl").split(separator: "\n").filter { !$0.contains("\"event\":\"read\"") }
        let old = try directory.write("old.jsonl", lines.joined(separator: "\n") + "\n")
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", old, "--quiet", "--color", "never"])
        #expect(replay.exited(with: 5), "\(replay.summary)")
        #expect(replay.stdout.contains("the timeline has no 'read' events (it was recorded before an increment's read was one): record the run again"), "\(replay.summary)")
    }

    @Test func aTimelineSavedWithCRLFOrAByteOrderMarkReplaysAndDiffs() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--timeline", directory.path("run.jsonl"), "--quiet"])
        let original = try directory.read("run.jsonl")
        let crlf = try directory.write("crlf.jsonl", original.replacingOccurrences(of: "\n", with: "\r\n"))
        let bom = try directory.write("bom.jsonl", "\u{FEFF}" + original.split(separator: "\n").dropFirst().joined(separator: "\n"))
        for file in [crlf, bom] {
            let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", file, "--quiet"])
            #expect(replay.exited(with: 0), "\(replay.summary)")
            let diff = try runScenario(["diff", file, directory.path("run.jsonl")])
            #expect(diff.exited(with: 0), "\(diff.summary)")
        }
    }

    @Test func anEventAfterItsInstancesFinishIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--timeline", directory.path("run.jsonl"), "--quiet"])
        let extra = #"{"seq":100000,"t":0,"worker":"main","event":"log","value":"after the end"}"#
        let file = try directory.write("extra.jsonl", try directory.read("run.jsonl") + extra + "\n")
        let lineCount = try directory.read("run.jsonl").split(separator: "\n").count + 1
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", file, "--quiet"])
        #expect(replay.exited(with: 2), "\(replay.summary)")
        #expect(replay.stderr.contains("extra.jsonl:\(lineCount): error: 'main' has an event after its 'finish' (line "), "\(replay.summary)")
    }

    @Test func aTimelineOfAnotherScenarioIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        let other = try directory.write("other.jsonl", "{\"seq\":0,\"t\":0,\"worker\":\"stranger\",\"event\":\"start\"}\n")
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", other])
        #expect(replay.exited(with: 2), "\(replay.summary)")
        #expect(replay.stderr.contains("other.jsonl:1: error: unknown worker 'stranger'"), "\(replay.summary)")
    }

    @Test func replayWithASeedIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        let run = try runScenario(["run", path, "--runtime", "simulate", "--replay", "x.jsonl", "--seed", "1"])
        #expect(run.exited(with: 2))
        #expect(run.stderr.contains("--replay follows the recorded run's schedule; leave out --seed and --strategy"), "\(run.summary)")
    }

    /// A log's text is output, not a step of the schedule: `{pid}` is another process's on replay.
    @Test func aLogWhoseTextDependsOnTheProcessStillReplays() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("pid.yaml", """
            scenario: Process ids
            workers:
              w:
                count: 2
                steps:
                  - log: "{worker} runs in process {pid}"
            """)
        _ = try runScenario(["run", path, "--timeline", directory.path("run.jsonl"), "--quiet"])
        // Another process's id in the recording, as a run on another day would have.
        let recorded = try directory.read("run.jsonl").replacingOccurrences(of: "runs in process ", with: "runs in process 1")
        let edited = try directory.write("edited.jsonl", recorded)
        let replay = try runScenario(["run", path, "--runtime", "simulate", "--replay", edited, "--quiet"])
        #expect(replay.exited(with: 0), "\(replay.summary)")
    }

    /// The GIL's hand-overs are not replayed yet: refused, with what to do instead.
    @Test func aRunWithTheGILIsNotReplayedYet() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("racy.yaml", Self.racy)
        _ = try runScenario(["run", path, "--runtime", "simulate", "--timeline", directory.path("run.jsonl"), "--quiet"])
        let refused = try runScenario(["run", path, "--runtime", "simulate", "--gil", "--replay", directory.path("run.jsonl")])
        #expect(refused.exited(with: 2), "\(refused.summary)")
        #expect(refused.stderr.contains("--replay cannot follow a run with the GIL yet"), "\(refused.summary)")
    }
}
