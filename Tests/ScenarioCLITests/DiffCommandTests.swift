import Foundation
import Testing

/// `scenario diff A B` through the built executable.
@Suite("scenario diff")
struct DiffCommandTests {
    static let header = #"{"timeline":1,"scenario":"Two locks","file":"two.yaml","runtime":"threads","executor":null,"instances":["alice","bob"],"objects":{"counter":"variable","lock_a":"lock","alice":"worker","bob":"worker"}}"#

    /// A timeline in which `first` then `second` take lock_a and increment the counter.
    static func lockOrder(_ first: String, _ second: String) -> String {
        var lines = [header]
        for (turn, who) in [first, second].enumerated() {
            let base = turn * 3
            lines.append(#"{"seq":\#(base),"t":0.00\#(base),"worker":"\#(who)","event":"acquire","object":"lock_a"}"#)
            lines.append(#"{"seq":\#(base + 1),"t":0.00\#(base + 1),"worker":"\#(who)","event":"increment","object":"counter","value":\#(turn + 1)}"#)
            lines.append(#"{"seq":\#(base + 2),"t":0.00\#(base + 2),"worker":"\#(who)","event":"release","object":"lock_a"}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func diff(_ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessOutput {
        try runScenario(["diff"] + arguments + ["--color", "never"], in: directory.url, environment: ["COLUMNS": "120"])
    }

    @Test func aRunAgainstItselfIsTheSame() throws {
        let directory = try TemporaryDirectory()
        let scenario = TestFiles.packageRoot.appendingPathComponent("scenarios/08-lock-order-deadlock.yaml").path
        let run = try runScenario(["run", scenario, "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 0), "\(run.summary)")
        let output = try diff(["run.jsonl", "run.jsonl"], in: directory)
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.contains("\nsame: every instance did the same things in the same order"), "\(output.summary)")
        #expect(output.stderr.isEmpty)
    }

    @Test func aReportAndTheTimelineOfTheSameRunAreTheSame() throws {
        let directory = try TemporaryDirectory()
        let scenario = TestFiles.packageRoot.appendingPathComponent("scenarios/12-reentrant-lock.yaml").path
        let run = try runScenario(["run", scenario, "--format", "json", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 0), "\(run.summary)")
        try directory.write("report.json", run.stdout)
        let output = try diff(["report.json", "run.jsonl"], in: directory)
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.hasPrefix("A: report.json (report, threads, "), "\(output.summary)")
        #expect(output.stdout.contains("B: run.jsonl (timeline, threads, "), "\(output.summary)")
    }

    @Test func twoLockOrdersDifferAtTheLock() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.jsonl", Self.lockOrder("alice", "bob"))
        try directory.write("b.jsonl", Self.lockOrder("bob", "alice"))
        let output = try diff(["a.jsonl", "b.jsonl"], in: directory)
        #expect(output.exited(with: 1), "\(output.summary)")
        let text = output.stdout
        #expect(text.contains("\ndiffer\n"), "\(output.summary)")
        #expect(text.contains("first divergence, on lock_a:\n  A: alice acquired lock_a before bob\n  B: bob acquired lock_a before alice\n"), "\(output.summary)")
        // The context, side by side, marks the two acquisitions in each run.
        #expect(text.contains("A: a.jsonl") && text.contains("┃   B: b.jsonl"), "\(output.summary)")
        #expect(text.components(separatedBy: "▶").count - 1 == 4, "\(output.summary)")
        #expect(text.contains("events only one run has:\n  alice: 1 only in A, 1 only in B\n"), "\(output.summary)")
        // Verdict, divergence, then the events only one side has.
        let verdict = try #require(text.range(of: "differ"))
        let divergence = try #require(text.range(of: "first divergence"))
        let onlyOne = try #require(text.range(of: "events only one run has"))
        #expect(verdict.lowerBound < divergence.lowerBound && divergence.lowerBound < onlyOne.lowerBound)
    }

    @Test func statusAndStateDifferencesComeFirst() throws {
        let directory = try TemporaryDirectory()
        func report(status: String, counter: Int) -> String {
            """
            {"scenario":"S","runtime":"threads","executor":null,"events":[
                {"seq":0,"t":0,"worker":"w","event":"set","object":"counter","value":\(counter)}
              ],"status":"\(status)","duration":0.1,"variables":{"counter":\(counter)},"queues":{"jobs":\(counter)},
              "expectations":[],"workers":[{"name":"w","status":"finished"}],"deadlock":null,"error":null}
            """
        }
        try directory.write("ok.json", report(status: "ok", counter: 2))
        try directory.write("stuck.json", report(status: "deadlock", counter: 1))
        let output = try diff(["ok.json", "stuck.json"], in: directory)
        #expect(output.exited(with: 1), "\(output.summary)")
        #expect(output.stdout.contains("differ\n  status: A ok, B deadlock\n  counter: A 2, B 1\n  queue jobs: A 2, B 1 items left\n"), "\(output.summary)")
    }

    @Test func jsonOutputForTools() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.jsonl", Self.lockOrder("alice", "bob"))
        try directory.write("b.jsonl", Self.lockOrder("bob", "alice"))
        let output = try diff(["a.jsonl", "b.jsonl", "--format", "json"], in: directory)
        #expect(output.exited(with: 1), "\(output.summary)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "differ")
        let divergence = try #require(json["first_divergence"] as? [String: Any])
        #expect(divergence["object"] as? String == "lock_a")
        #expect((divergence["b"] as? [String: Any])?["text"] as? String == "bob acquired lock_a before alice")
        #expect(try diff(["a.jsonl", "b.jsonl", "--format", "json"], in: directory).stdout == output.stdout)
    }

    @Test func badInputExitsWithTwoAndSaysWhere() throws {
        let directory = try TemporaryDirectory()
        try directory.write("a.jsonl", Self.lockOrder("alice", "bob"))
        try directory.write("bad.jsonl", Self.header + "\n" + #"{"seq":0,"t":0,"worker":"alice","event":"teleport"}"# + "\n")
        let bad = try diff(["a.jsonl", "bad.jsonl"], in: directory)
        #expect(bad.exited(with: 2), "\(bad.summary)")
        #expect(bad.stderr == "bad.jsonl:2: error: unknown event 'teleport'\n", "\(bad.summary)")
        #expect(bad.stdout.isEmpty)
        let missing = try diff(["a.jsonl", "missing.jsonl"], in: directory)
        #expect(missing.exited(with: 2), "\(missing.summary)")
        #expect(missing.stderr == "missing.jsonl: error: no such file\n", "\(missing.summary)")
        let negative = try diff(["a.jsonl", "a.jsonl", "--time", "-1"], in: directory)
        #expect(negative.exited(with: 2), "\(negative.summary)")
        #expect(negative.stderr.contains("--time must be a number of seconds"), "\(negative.summary)")
    }

    @Test func aHugeValueIsElidedInTheListOfEvents() throws {
        let directory = try TemporaryDirectory()
        let huge = String(repeating: "x", count: 200_000)
        let a = Self.lockOrder("alice", "bob") + #"{"seq":6,"t":0.006,"worker":"alice","event":"log","value":"\#(huge)"}"# + "\n"
        _ = try directory.write("a.jsonl", a)
        _ = try directory.write("b.jsonl", Self.lockOrder("alice", "bob"))
        let output = try diff(["a.jsonl", "b.jsonl"], in: directory)
        #expect(output.exited(with: 1), "\(output.summary)")
        #expect(output.stdout.contains("log: xxxx"), "\(output.summary)")
        #expect(output.stdout.contains("…"), "\(output.summary)")
        #expect(output.stdout.utf8.count < 2_000, "\(output.summary)")
    }

    @Test func runsOfDifferentScenariosAreNoted() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("a.jsonl", Self.lockOrder("alice", "bob"))
        _ = try directory.write("b.jsonl", Self.lockOrder("alice", "bob").replacingOccurrences(of: "\"Two locks\"", with: "\"Three locks\""))
        let output = try diff(["a.jsonl", "b.jsonl"], in: directory)
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.contains("note: A and B are runs of different scenarios, 'Two locks' and 'Three locks'"), "\(output.summary)")
        let same = try diff(["a.jsonl", "a.jsonl"], in: directory)
        #expect(!same.stdout.contains("note:"), "\(same.summary)")
    }

    @Test func helpTeachesWithExamples() throws {
        let output = try runScenario(["diff", "--help"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.contains("EXAMPLES:"), "\(output.summary)")
        #expect(output.stdout.contains("scenario diff a.jsonl b.jsonl"), "\(output.summary)")
        #expect(output.stdout.contains("--time <seconds>"), "\(output.summary)")
        #expect(output.stdout.contains("scenario diff a.jsonl replayed.jsonl"), "\(output.summary)")
        // Every example compares runs of one scenario.
        #expect(!output.stdout.contains("12-reentrant-lock"), "\(output.summary)")
    }
}
