import Foundation
import Testing

/// `scenario run` through the built executable: exit codes, text and JSON output, timeline files.
@Suite("scenario run, end to end")
struct RunEndToEndTests {
    // MARK: Scenarios

    static let lockCycle = """
        scenario: Lock cycle
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
            - release: right
            - release: left
          second:
            - acquire: right
            - wait: both
            - acquire: left
            - release: left
            - release: right
        """

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
        let run = try E2ERun.scenario(Self.counter, "--quiet")
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.contains("counter = 100"), "\(run)")
    }

    @Test func everyExampleScenarioExitsZero() throws {
        let folder = e2ePackageRoot.appendingPathComponent("scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 12)
        for name in names {
            let run = try E2ERun.launch(["run", folder.appendingPathComponent(name).path, "--speed", "50", "--quiet",
                                            "--timeout", "30", "--color", "never"])
            #expect(run.exitCode == 0, "\(name): \(run)")
        }
    }

    @Test func aLockCycleExitsThreeAndNamesBothLocksAndHolders() throws {
        let run = try E2ERun.scenario(Self.lockCycle)
        #expect(run.exitCode == 3, "\(run)")
        #expect(run.stdout.contains("cycle: first holds left, waits for right"), "\(run)")
        #expect(run.stdout.contains("cycle: second holds right, waits for left"), "\(run)")
        #expect(run.stdout.contains("first waits for lock right, held by second"), "\(run)")
    }

    @Test func aBarrierShortOfPartiesExitsThree() throws {
        let run = try E2ERun.scenario("""
            scenario: Barrier short of parties
            barriers:
              gate: 3
            workers:
              w:
                count: 2
                steps:
                  - wait: gate
            """)
        #expect(run.exitCode == 3, "\(run)")
        #expect(run.stdout.contains("barrier gate"), "\(run)")
        #expect(run.stdout.contains("parties"), "\(run)")
    }

    @Test func aSelfDeadlockExitsThreeAndSaysTheInstanceHoldsTheLock() throws {
        let run = try E2ERun.scenario("""
            scenario: Plain lock taken twice
            locks:
              door: lock
            workers:
              w:
                - acquire: door
                - acquire: door
                - release: door
                - release: door
            """)
        #expect(run.exitCode == 3, "\(run)")
        #expect(run.stdout.contains("w waits for lock door, which it holds itself"), "\(run)")
    }

    @Test func aConsumerOfAnEmptyQueueExitsThree() throws {
        let run = try E2ERun.scenario("""
            scenario: Nothing to consume
            queues:
              jobs: 0
            workers:
              consumer:
                - get: jobs
            """)
        #expect(run.exitCode == 3, "\(run)")
        #expect(run.stdout.contains("consumer waits for an item in queue jobs, which is empty"), "\(run)")
    }

    @Test func joiningAWorkerThatNeverFinishesExitsThree() throws {
        let run = try E2ERun.scenario("""
            scenario: Join of a stuck worker
            queues:
              jobs: 0
            workers:
              waiter:
                - get: jobs
              main:
                - join: waiter
            """)
        #expect(run.exitCode == 3, "\(run)")
        #expect(run.stdout.contains("main waits for worker waiter to finish"), "\(run)")
    }

    @Test func aLockCycleIsReportedWithoutWaitingForASleeper() throws {
        let run = try E2ERun.scenario(Self.lockCycle + """

              sleeper:
                - sleep: 10
            """, "--speed", "1", "--timeout", "30", "--format", "json")
        #expect(run.exitCode == 3, "\(run)")
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
        let run = try E2ERun.scenario(Self.lockCycle + "\nexpect:\n  deadlock: true\n")
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.stdout.contains("deadlock (expected)"), "\(run)")
    }

    @Test func aRunThatNeverEndsTimesOutWithExitFour() throws {
        let run = try E2ERun.scenario("""
            scenario: Never ends
            workers:
              ticker:
                - repeat: forever
                  do:
                    - sleep: 10ms
            """, "--timeout", "0.5", "--speed", "1", "--quiet")
        #expect(run.exitCode == 4, "\(run)")
        #expect(run.stdout.contains("timeout"), "\(run)")
    }

    @Test func aFailedExpectationExitsOne() throws {
        let run = try E2ERun.scenario(Self.counter.replacingOccurrences(of: "counter: 100", with: "counter: 101"), "--quiet")
        #expect(run.exitCode == 1, "\(run)")
        #expect(run.stdout.contains("counter = 100, expected 101"), "\(run)")
    }

    @Test func anInvalidScenarioExitsTwo() throws {
        let run = try E2ERun.scenario("""
            scenario: Invalid
            workers:
              w:
                - aquire: nothing
            """)
        #expect(run.exitCode == 2, "\(run)")
        #expect(run.stderr.contains("unknown step 'aquire'") || run.stdout.contains("unknown step 'aquire'"), "\(run)")
    }

    /// Runtime errors: the YAML, the line and column of the failing step, and part of the message.
    static let runtimeErrors: [(String, String, String)] = [
        ("""
         scenario: Release of an unlocked lock
         locks:
           door: lock
         workers:
           w:
             - log: "about to release"
             - release: door
         """, "7:7", "'w' releases lock 'door', which is not locked"),
        ("""
         scenario: Release of someone else's rlock
         locks:
           account: rlock
         barriers:
           meet: 2
         workers:
           owner:
             - acquire: account
             - wait: meet
             - wait: meet
             - release: account
           thief:
             - wait: meet
             - release: account
             - wait: meet
         """, "14:7", "'thief' releases rlock 'account', which is held by 'owner', not by 'thief'"),
        ("""
         scenario: Too many task_done
         queues:
           jobs: 0
         workers:
           w:
             - put: jobs
             - get: jobs
             - task_done: jobs
             - task_done: jobs
         """, "9:7", "more times than items were put"),
        ("""
         scenario: A text item used as a number
         variables:
           total: 0
         queues:
           q: 0
         workers:
           w:
             - put: q
               value: "seven"
             - get: q
             - increment: total
               by: "{item}"
         """, "11:7", "'{item}' is \"seven\", which is not an integer"),
    ]

    @Test(arguments: runtimeErrors.indices)
    func aRuntimeErrorExitsFiveAndNamesTheStep(_ index: Int) throws {
        let (yaml, position, message) = Self.runtimeErrors[index]
        let file = try E2ETemporaryScenario(yaml)
        let run = try E2ERun.launch(["run", file.path, "--color", "never", "--timeout", "30"])
        #expect(run.exitCode == 5, "\(run)")
        #expect(run.stdout.contains(message), "\(run)")
        #expect(run.stdout.contains("\(file.path):\(position)"), "\(run)")

        let json = try E2ERun.launch(["run", file.path, "--format", "json", "--timeout", "30"])
        #expect(json.exitCode == 5, "\(json)")
        let object = try json.jsonObject()
        #expect(object["status"] as? String == "error")
        let error = try #require(object["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains(message) == true, "\(error)")
        #expect(error["location"] as? String == "\(file.path):\(position)")
    }

    @Test func daemonsAreStoppedAtTheEnd() throws {
        let run = try E2ERun.scenario("""
            scenario: Daemons
            queues:
              jobs: 0
            workers:
              ticker:
                daemon: true
                steps:
                  - repeat: forever
                    do:
                      - sleep: 5ms
              listener:
                daemon: true
                steps:
                  - get: jobs
              main:
                - sleep: 50ms
            """, "--format", "json")
        #expect(run.exitCode == 0, "\(run)")
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
        let run = try E2ERun.scenario(Self.counter, "--format", "json")
        #expect(run.exitCode == 0, "\(run)")
        let json = try run.jsonObject()
        #expect(Set(json.keys) == [
            "scenario", "runtime", "status", "duration", "variables", "queues", "expectations", "workers",
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
        let directory = try E2ETemporaryDirectory()
        let scenario = directory.url.appendingPathComponent("counter.yaml")
        try Self.counter.write(to: scenario, atomically: true, encoding: .utf8)
        let timeline = directory.url.appendingPathComponent("run.jsonl")
        let run = try E2ERun.launch(["run", scenario.path, "--format", "json", "--timeline", timeline.path])
        #expect(run.exitCode == 0, "\(run)")
        let events = try #require(try run.jsonObject()["events"] as? [[String: Any]])

        let text = try String(contentsOf: timeline, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
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
        let directory = try E2ETemporaryDirectory()
        let scenario = directory.url.appendingPathComponent("texts.yaml")
        try """
            scenario: "Texts: \\"quoted\\" and more"
            queues:
              q: 0
            workers:
              w:
                - put: q
                  value: "a \\"quote\\", a \\\\ backslash, a\\ttab, a\\nnewline, é, 🎉, \\u0001"
                - get: q
                - log: "got {item}"
            """.write(to: scenario, atomically: true, encoding: .utf8)
        let timeline = directory.url.appendingPathComponent("texts.jsonl")
        let run = try E2ERun.launch(["run", scenario.path, "--format", "json", "--timeline", timeline.path])
        #expect(run.exitCode == 0, "\(run)")
        let text = "a \"quote\", a \\ backslash, a\ttab, a\nnewline, é, 🎉, \u{01}"
        let json = try run.jsonObject()
        #expect(json["scenario"] as? String == "Texts: \"quoted\" and more")
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.first { $0["event"] as? String == "put" }?["value"] as? String == text)
        #expect(events.first { $0["event"] as? String == "log" }?["value"] as? String == "got " + text)
        let lines = try String(contentsOf: timeline, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == events.count)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.first { $0?["event"] as? String == "get" }??["value"] as? String == text)
    }

    @Test func ctrlCInterruptsTheRunWithExit130() throws {
        guard let executable = e2eScenarioExecutable else { throw E2EExecutableNotFound() }
        let file = try E2ETemporaryScenario("""
            scenario: Ticks until interrupted
            workers:
              ticker:
                - repeat: forever
                  do:
                    - log: "tick {round}"
                    - sleep: 10ms
            """)
        let process = Process()
        process.executableURL = executable
        // The run's own timeout ends it (and this test) should the interrupt be lost.
        process.arguments = ["run", file.path, "--color", "never", "--timeout", "60"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first tick is printed once the run is going, after the interrupt handler is installed.
        var text = ""
        while !text.contains("tick 1") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        #expect(text.contains("tick 1"))
        process.interrupt()
        while true {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(text.suffix(2000))")
        #expect(text.contains("interrupted"), "\(text.suffix(2000))")
    }

    @Test func theTimelineFileIsWrittenForAFailedRunToo() throws {
        let directory = try E2ETemporaryDirectory()
        let scenario = directory.url.appendingPathComponent("cycle.yaml")
        try Self.lockCycle.write(to: scenario, atomically: true, encoding: .utf8)
        let timeline = directory.url.appendingPathComponent("cycle.jsonl")
        let run = try E2ERun.launch(["run", scenario.path, "--quiet", "--timeline", timeline.path])
        #expect(run.exitCode == 3, "\(run)")
        let text = try String(contentsOf: timeline, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(!lines.isEmpty)
        for (index, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["seq"] as? Int == index)
        }
    }
}

// MARK: - Running the executable

/// The package's root folder, found from this file's path.
private let e2ePackageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `scenario` executable: next to the test bundle, else in .build/debug.
private let e2eScenarioExecutable: URL? = {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("scenario"))
    }
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.appendingPathComponent("scenario"))
    candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("scenario"))
    if let argument = CommandLine.arguments.first {
        candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("scenario"))
    }
    candidates.append(e2ePackageRoot.appendingPathComponent(".build/debug/scenario"))
    return candidates.first { url in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}()

private struct E2EExecutableNotFound: Error, CustomStringConvertible {
    var description: String { "the scenario executable was not found; build it with `swift build`" }
}

private struct E2ERunTimedOut: Error, CustomStringConvertible {
    var arguments: [String]
    var description: String { "scenario \(arguments.joined(separator: " ")) did not end within 120 s" }
}

private struct E2ETemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
}

private struct E2ETemporaryScenario {
    let path: String

    init(_ yaml: String) throws {
        let directory = try E2ETemporaryDirectory()
        let url = directory.url.appendingPathComponent("scenario.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        path = url.path
    }
}

/// The outcome of one run of the executable.
private struct E2ERun: CustomStringConvertible {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// Writes the YAML to a temporary file and runs `scenario run FILE --color never` plus `options`.
    static func scenario(_ yaml: String, _ options: String...) throws -> E2ERun {
        let file = try E2ETemporaryScenario(yaml)
        var arguments = ["run", file.path, "--color", "never"]
        if !options.contains("--speed") { arguments += ["--speed", "50"] }
        if !options.contains("--timeout") { arguments += ["--timeout", "30"] }
        return try launch(arguments + options)
    }

    /// Runs the executable with these arguments; its output goes to files, so a large output cannot block it.
    static func launch(_ arguments: [String]) throws -> E2ERun {
        guard let executable = e2eScenarioExecutable else { throw E2EExecutableNotFound() }
        let directory = try E2ETemporaryDirectory()
        let outURL = directory.url.appendingPathComponent("stdout")
        let errURL = directory.url.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        if ended.wait(timeout: .now() + 120) == .timedOut {
            process.terminate()
            _ = ended.wait(timeout: .now() + 10)
            throw E2ERunTimedOut(arguments: arguments)
        }
        return E2ERun(
            exitCode: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Standard output parsed as one JSON object.
    func jsonObject() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "stdout is not a JSON object: \(self)")
    }
}
