import Foundation
import Testing

/// `scenario run` through the built executable: exit codes, text and JSON output, timeline files.
/// Scenarios shared with the runtime tests are in `Tests/Fixtures/runs`.
@Suite("scenario run, end to end")
struct RunEndToEndTests {
    // MARK: Scenarios

    static let counter = """
        scenario: Counter under a lock
        variables:
          counter: 0
        locks:
          guard: lock
        queues:
          jobs: 0
        workers:
          w:
            count: 4
            steps:
              - repeat: 25
                do:
                  - with: guard
                    do:
                      - increment: counter
                  - put: jobs
          consumer:
            - repeat: 100
              do:
                - get: jobs
                - task_done: jobs
        expect:
          counter: 100
        """

    // MARK: Exit codes and text

    @Test func anOkRunExitsZero() throws {
        let run = try runYAML(Self.counter, "--quiet")
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("counter = 100"), "\(run.summary)")
    }

    @Test func everyExampleScenarioExitsZero() throws {
        let folder = TestFiles.packageRoot.appendingPathComponent("scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 12)
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let run = try launch(["run", path, "--speed", "50", "--quiet", "--timeout", "30", "--color", "never"])
            // An example about lost updates may lose one on real threads: its expectation may fail
            // (exit 1), as its `# conformance: outcome-dependent` line says; one that shows a
            // runtime error says so (`# conformance: ends error`) and ends with exit code 5.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let mayFail = text.contains("# conformance: outcome-dependent")
            let expected: Int32 = text.contains("# conformance: ends error") ? 5 : 0
            #expect(run.exited(with: expected) || (mayFail && run.exited(with: 1)), "\(name): \(run.summary)")
        }
    }

    @Test func aLockCycleExitsThreeAndNamesBothLocksAndHolders() throws {
        let run = try runShared("lock-cycle")
        #expect(run.exited(with: 3), "\(run.summary)")
        #expect(run.stdout.contains("cycle: first holds left, waits for right"), "\(run.summary)")
        #expect(run.stdout.contains("cycle: second holds right, waits for left"), "\(run.summary)")
        #expect(run.stdout.contains("first waits for lock right, held by second"), "\(run.summary)")
    }

    @Test func aBarrierShortOfPartiesExitsThree() throws {
        let run = try runShared("barrier-short-of-parties")
        #expect(run.exited(with: 3), "\(run.summary)")
        #expect(run.stdout.contains("barrier gate"), "\(run.summary)")
        #expect(run.stdout.contains("parties"), "\(run.summary)")
    }

    @Test func aSelfDeadlockExitsThreeAndSaysTheInstanceHoldsTheLock() throws {
        let run = try runShared("self-deadlock")
        #expect(run.exited(with: 3), "\(run.summary)")
        #expect(run.stdout.contains("w waits for lock door, which it holds itself"), "\(run.summary)")
    }

    @Test func aConsumerOfAnEmptyQueueExitsThree() throws {
        let run = try runShared("empty-queue")
        #expect(run.exited(with: 3), "\(run.summary)")
        #expect(run.stdout.contains("consumer waits for an item in queue jobs, which is empty"), "\(run.summary)")
    }

    @Test func joiningAWorkerThatNeverFinishesExitsThree() throws {
        let run = try runShared("join-of-a-stuck-worker")
        #expect(run.exited(with: 3), "\(run.summary)")
        #expect(run.stdout.contains("main waits for worker waiter to finish"), "\(run.summary)")
    }

    @Test func aLockCycleIsReportedWithoutWaitingForASleeper() throws {
        let run = try runShared("lock-cycle-with-sleeper", "--speed", "1", "--timeout", "30", "--format", "json")
        #expect(run.exited(with: 3), "\(run.summary)")
        let json = try run.jsonObject()
        #expect(json["status"] as? String == "deadlock")
        let workers = try #require(json["workers"] as? [[String: Any]])
        let statuses = Dictionary(uniqueKeysWithValues: workers.compactMap { worker -> (String, String)? in
            guard let name = worker["name"] as? String, let status = worker["status"] as? String else { return nil }
            return (name, status)
        })
        #expect(statuses == ["first": "blocked", "second": "blocked", "sleeper": "stopped"])
        let deadlock = try #require(json["deadlock"] as? [String: Any])
        #expect((deadlock["cycle"] as? [String])?.count == 2)
    }

    @Test func anExpectedDeadlockExitsZero() throws {
        let lockCycle = try String(contentsOfFile: TestFiles.sharedScenario("lock-cycle"), encoding: .utf8)
        let run = try runYAML(lockCycle + "\nexpect:\n  deadlock: true\n")
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("deadlock (expected)"), "\(run.summary)")
    }

    @Test func aRunThatNeverEndsTimesOutWithExitFour() throws {
        let run = try runShared("endless", "--timeout", "0.5", "--speed", "1", "--quiet")
        #expect(run.exited(with: 4), "\(run.summary)")
        #expect(run.stdout.contains("timeout"), "\(run.summary)")
    }

    @Test func aFailedExpectationExitsOne() throws {
        let run = try runYAML(Self.counter.replacingOccurrences(of: "counter: 100", with: "counter: 101"), "--quiet")
        #expect(run.exited(with: 1), "\(run.summary)")
        #expect(run.stdout.contains("counter = 100, expected 101"), "\(run.summary)")
    }

    @Test func anInvalidScenarioExitsTwo() throws {
        let run = try runYAML("""
            scenario: Invalid
            workers:
              w:
                - aquire: nothing
            """)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.contains("unknown step 'aquire'") || run.stdout.contains("unknown step 'aquire'"), "\(run.summary)")
    }

    /// A scenario that stops with a runtime error: where the failing step is, and part of the message.
    struct RuntimeError: Sendable, CustomTestStringConvertible {
        var fixture: String
        /// Line and column of the failing step in the fixture.
        var position: String
        var message: String

        var testDescription: String { fixture }
    }

    static let runtimeErrors: [RuntimeError] = [
        .init(fixture: "release-unlocked", position: "8:7", message: "'w' releases lock 'door', which is not locked"),
        .init(fixture: "foreign-rlock-release", position: "15:7",
              message: "'thief' releases rlock 'account', which is held by 'owner', not by 'thief'"),
        .init(fixture: "too-many-task-done", position: "10:7", message: "more times than items were put"),
        .init(fixture: "text-item-as-integer", position: "12:7", message: "'{item}' is \"seven\", which is not an integer"),
    ]

    @Test(arguments: runtimeErrors)
    func aRuntimeErrorExitsFiveAndNamesTheStep(_ error: RuntimeError) throws {
        let path = TestFiles.sharedScenario(error.fixture)
        let run = try launch(["run", path, "--color", "never", "--timeout", "30"])
        #expect(run.exited(with: 5), "\(run.summary)")
        #expect(run.stdout.contains(error.message), "\(run.summary)")
        #expect(run.stdout.contains("\(path):\(error.position)"), "\(run.summary)")

        let json = try launch(["run", path, "--format", "json", "--timeout", "30"])
        #expect(json.exited(with: 5), "\(json.summary)")
        let object = try json.jsonObject()
        #expect(object["status"] as? String == "error")
        let reported = try #require(object["error"] as? [String: Any])
        #expect((reported["message"] as? String)?.contains(error.message) == true, "\(reported)")
        #expect(reported["location"] as? String == "\(path):\(error.position)")
    }

    @Test func daemonsAreStoppedAtTheEnd() throws {
        let run = try runShared("daemons", "--format", "json")
        #expect(run.exited(with: 0), "\(run.summary)")
        let json = try run.jsonObject()
        let workers = try #require(json["workers"] as? [[String: Any]])
        for worker in workers {
            let name = worker["name"] as? String ?? "?"
            #expect(worker["status"] as? String == (name == "main" ? "finished" : "stopped"), "\(worker)")
            #expect(worker["daemon"] as? Bool == (name != "main"))
        }
    }

    // MARK: JSON and timeline files

    @Test func jsonOutputHasExactlyTheDocumentedKeys() throws {
        let run = try runYAML(Self.counter, "--format", "json")
        #expect(run.exited(with: 0), "\(run.summary)")
        let json = try run.jsonObject()
        #expect(Set(json.keys) == [
            "scenario", "runtime", "executor", "seed", "strategy", "depth", "status", "duration", "variables", "queues",
            "expectations", "workers",
            "deadlock", "error", "events",
        ])
        #expect(json["scenario"] as? String == "Counter under a lock")
        #expect(json["runtime"] as? String == "threads")
        #expect(json["status"] as? String == "ok")
        #expect(json["deadlock"] is NSNull)
        #expect(json["error"] is NSNull)
        #expect((json["variables"] as? [String: Any])?["counter"] as? Int == 100)
        #expect((json["queues"] as? [String: Any])?["jobs"] as? Int == 0)
        let expectations = try #require(json["expectations"] as? [[String: Any]])
        #expect(expectations.count == 1)
        #expect(expectations.first?["ok"] as? Bool == true)
        let events = try #require(json["events"] as? [[String: Any]])
        let seqs = events.compactMap { $0["seq"] as? Int }
        #expect(seqs == Array(0..<events.count))
        #expect(events.filter { $0["event"] as? String == "increment" }.count == 100)
    }

    @Test func theTimelineFileHoldsEveryEventAsJSONLines() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("counter.yaml", Self.counter)
        let run = try launch(["run", scenario, "--format", "json", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 0), "\(run.summary)")
        let events = try #require(try run.jsonObject()["events"] as? [[String: Any]])

        let text = try directory.read("run.jsonl")
        #expect(text.hasSuffix("\n"))
        let allLines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(allLines.first?.hasPrefix("{\"timeline\":1,") == true)
        #expect(allLines.last?.hasPrefix("{\"report\":") == true)
        let lines = allLines.dropFirst().dropLast()
        #expect(lines.count == events.count)
        var seqs: [Int] = []
        for line in lines {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            seqs.append(try #require(object["seq"] as? Int))
            #expect(object["event"] is String)
            #expect(object["worker"] is String)
        }
        #expect(seqs == Array(0..<lines.count))
        // The same events as in the JSON report, in the same order.
        let fileKinds = try lines.map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["event"] as? String
        }
        #expect(fileKinds == events.map { $0["event"] as? String })
    }

    @Test func textValuesSurviveJSONAndTimelineFiles() throws {
        let directory = try TemporaryDirectory()
        let scenario = try directory.write("texts.yaml", """
            scenario: "Texts: \\"quoted\\" and more"
            queues:
              q: 0
            workers:
              w:
                - put: q
                  value: "a \\"quote\\", a \\\\ backslash, a\\ttab, a\\nnewline, é, 🎉, \\u0001"
                - get: q
                - log: "got {item}"
            """)
        let run = try launch(["run", scenario, "--format", "json", "--timeline", directory.path("texts.jsonl")])
        #expect(run.exited(with: 0), "\(run.summary)")
        let text = "a \"quote\", a \\ backslash, a\ttab, a\nnewline, é, 🎉, \u{01}"
        let json = try run.jsonObject()
        #expect(json["scenario"] as? String == "Texts: \"quoted\" and more")
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.first { $0["event"] as? String == "put" }?["value"] as? String == text)
        #expect(events.first { $0["event"] as? String == "log" }?["value"] as? String == "got " + text)
        let lines = try directory.read("texts.jsonl").split(separator: "\n").dropFirst().dropLast()
        #expect(lines.count == events.count)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.first { $0?["event"] as? String == "get" }??["value"] as? String == text)
    }

    @Test func ctrlCInterruptsTheRunWithExit130() throws {
        try interruptAfterOutput(yaml: """
            scenario: Ticks until interrupted
            workers:
              ticker:
                - repeat: forever
                  do:
                    - log: "tick {round}"
                    - sleep: 10ms
            """, arguments: [], waitingFor: ["tick 1"])
    }

    /// Every thread of the cooperative pool busy in `work` must not keep Ctrl-C from being heard
    /// (it was handled on a Dispatch queue, whose threads are the pool's).
    @Test func ctrlCInterruptsAsyncTasksThatKeepEveryCoreBusy() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        try interruptAfterOutput(yaml: """
            scenario: Every core busy
            workers:
              cruncher:
                count: \(cores)
                steps:
                  - log: "busy {i}"
                  - work: 1h
            """, arguments: ["--runtime", "async", "--executor", "pool"],
            waitingFor: (1...cores).map { "busy \($0)" })
    }

    /// Runs `yaml`, waits until its output shows every one of `markers` (the run is going by
    /// then), sends SIGINT, and expects the report of an interrupted run with exit code 130.
    private func interruptAfterOutput(yaml: String, arguments: [String], waitingFor markers: [String]) throws {
        let executable = try ScenarioBinary.require()
        let directory = try TemporaryDirectory()
        let file = try directory.write("run.yaml", yaml)
        let process = Process()
        process.executableURL = executable
        // The run's own timeout ends it (and this test) should the interrupt be lost.
        process.arguments = ["run", file, "--color", "never", "--timeout", "60"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !markers.allSatisfy({ text.contains($0) }) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        #expect(markers.allSatisfy { text.contains($0) }, "\(text.suffix(2000))")
        process.interrupt()
        while true {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        process.waitUntilExit()
        withExtendedLifetime(directory) {}
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(text.suffix(2000))")
        #expect(text.contains("interrupted"), "\(text.suffix(2000))")
    }

    @Test func theTimelineFileIsWrittenForAFailedRunToo() throws {
        let directory = try TemporaryDirectory()
        let run = try launch([
            "run", TestFiles.sharedScenario("lock-cycle"), "--quiet", "--timeline", directory.path("cycle.jsonl"),
        ])
        #expect(run.exited(with: 3), "\(run.summary)")
        let text = try directory.read("cycle.jsonl")
        // After the header, before the report trailer.
        let lines = text.split(separator: "\n").dropFirst().dropLast()
        #expect(!lines.isEmpty)
        for (index, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["seq"] as? Int == index)
        }
    }

    @Test func anUnwritableTimelineIsRefusedBeforeTheRun() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing-folder/run.jsonl")
        let run = try runYAML(Self.counter, "--timeline", path)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == "\(path): error: cannot open the timeline file: No such file or directory\n", "\(run.summary)")
        #expect(!run.stdout.contains("counter = 100"), "the scenario must not have run: \(run.summary)")
    }
}

// MARK: - Running the executable

/// Runs the executable with these arguments, as a user who has set NO_COLOR would.
private func launch(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessOutput {
    try runScenario(arguments, environment: ["NO_COLOR": "1"], sourceLocation: sourceLocation)
}

/// `scenario run PATH --color never` plus `options`, at speed 50 and with a 30 s timeout unless
/// `options` say otherwise.
private func runFile(_ path: String, _ options: [String], sourceLocation: SourceLocation) throws -> ProcessOutput {
    var arguments = ["run", path, "--color", "never"]
    if !options.contains("--speed") { arguments += ["--speed", "50"] }
    if !options.contains("--timeout") { arguments += ["--timeout", "30"] }
    return try launch(arguments + options, sourceLocation: sourceLocation)
}

/// Runs the shared scenario `name` from `Tests/Fixtures/runs` (see `runFile(_:_:sourceLocation:)`).
private func runShared(
    _ name: String, _ options: String..., sourceLocation: SourceLocation = #_sourceLocation
) throws -> ProcessOutput {
    try runFile(TestFiles.sharedScenario(name), options, sourceLocation: sourceLocation)
}

/// Writes `yaml` to a temporary file and runs it (see `runFile(_:_:sourceLocation:)`).
private func runYAML(
    _ yaml: String, _ options: String..., sourceLocation: SourceLocation = #_sourceLocation
) throws -> ProcessOutput {
    let directory = try TemporaryDirectory()
    let path = try directory.write("scenario.yaml", yaml)
    return try withExtendedLifetime(directory) { try runFile(path, options, sourceLocation: sourceLocation) }
}
