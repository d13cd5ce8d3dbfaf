import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `pools: {p: {kind: processes}}` from the command line: real child processes, each with its
/// own copy of the variables; a child that dies fails its task and the run goes on; no child
/// outlives the run.
@Suite("Process pools: real child processes")
struct ProcessPoolCLITests {
    static let isolation = """
        scenario: Copies, not shared memory
        variables:
          calls: 0
          total: 0
        locks:
          tally: lock
        pools:
          procs: {kind: processes, size: 2}
        workers:
          task:
            count: 6
            pool: procs
            result: "{i * i}"
            steps:
              - increment: calls
              - log: "task {i} in process {pid}"
              - sleep: 5ms
            on_done:
              - with: tally
                do:
                  - increment: total
                    by: "{result}"
              - log: "callback in process {pid}"
        """

    /// The timeline's events, header and trailer left out.
    static func events(_ timeline: String) throws -> [[String: Any]] {
        try timeline.split(separator: "\n").filter { $0.contains("\"seq\"") }.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test(arguments: [["--runtime", "threads"], ["--runtime", "async", "--executor", "pool"]])
    func tasksWriteTheirProcessCopyAndCallbacksRunInTheParent(_ runtime: [String]) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("copies.yaml", Self.isolation)
        let run = try runScenario(["run", path, "--format", "json", "--timeline", directory.path("run.jsonl")] + runtime)
        #expect(run.exited(with: 0), "\(run.summary)")
        let report = try run.jsonObject()
        // The parent's `calls` never moved; the callbacks' total did, under the parent's lock.
        let variables = try #require(report["variables"] as? [String: Int])
        #expect(variables == ["calls": 0, "total": 91])
        let pools = try #require(report["pools"] as? [[String: Any]])
        #expect(pools.first?["kind"] as? String == "processes")
        let processes = try #require(pools.first?["processes"] as? [[String: Any]])
        #expect(processes.count == 2)
        // Each process's copy counted the tasks it ran; together, all six.
        let copies = processes.compactMap { ($0["variables"] as? [String: Int])?["calls"] }
        #expect(copies.reduce(0, +) == 6, "\(processes)")
        let childPIDs = Set(processes.compactMap { $0["pid"] as? Int })
        #expect(childPIDs.count == 2 && !childPIDs.contains(0))

        let events = try Self.events(try directory.read("run.jsonl"))
        // A task's steps carry their child's pid, the same one `{pid}` printed; its callback
        // runs in the run's own process: no pid key.
        for event in events where event["event"] as? String == "increment" && event["object"] as? String == "calls" {
            let pid = try #require(event["pid"] as? Int, "\(event)")
            #expect(childPIDs.contains(pid))
        }
        for event in events where event["event"] as? String == "log" {
            let text = try #require(event["value"] as? String)
            if text.hasPrefix("task") {
                let pid = try #require(event["pid"] as? Int)
                #expect(text.hasSuffix("in process \(pid)"))
            } else {
                #expect(event["pid"] == nil, "\(event)")
                #expect(!childPIDs.contains(Int(text.split(separator: " ").last ?? "") ?? -1))
            }
        }
        #expect(events.filter { $0["event"] as? String == "callback" }.allSatisfy { $0["pid"] == nil })
        // Results in submission order, ranks a permutation of 1...6.
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["value"] as? Int } == [1, 4, 9, 16, 25, 36])
        #expect(Set(results.compactMap { $0["completed"] as? Int }) == Set(1...6))
    }

    static let dying = """
        scenario: One process dies
        pools:
          procs: {kind: processes, size: 2}
        workers:
          task:
            count: 4
            pool: procs
            result: "{i * 10}"
            steps:
              - sleep: 5ms
              - repeat: "{2 / i % 2}"
                do:
                  - exit: 3
          main:
            - as_completed: task
              do:
                - log: "{future} returned {result}"
        """

    @Test func aTaskWhoseProcessExitsFailsAndTheRunGoesOn() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("dying.yaml", Self.dying)
        let run = try runScenario(["run", path, "--format", "json", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 5), "\(run.summary)")
        let report = try run.jsonObject()
        let error = try #require(report["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains(
            "'task-2' failed: the process running it exited with status 3 before the task was done; the run went on without it") == true)
        let workers = try #require(report["workers"] as? [[String: Any]])
        #expect(workers.map { "\($0["name"] ?? "") \($0["status"] ?? "")" }
            == ["task-1 finished", "task-2 failed", "task-3 finished", "task-4 finished", "main finished"])
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results[1]["value"] is NSNull)
        #expect((results[1]["failed"] as? String)?.hasSuffix("exited with status 3") == true)
        let events = try Self.events(try directory.read("run.jsonl"))
        let died = try #require(events.first { $0["event"] as? String == "died" })
        #expect(died["worker"] as? String == "task-2" && died["value"] as? String == "exited with status 3" && died["pid"] is Int)
        // The others' results were printed; the failed future was skipped.
        let logs = events.compactMap { $0["event"] as? String == "log" ? $0["value"] as? String : nil }
        #expect(Set(logs) == ["task-1 returned 10", "task-3 returned 30", "task-4 returned 40"])
    }

    /// Whether process `pid` still exists (a zombie counts).
    static func exists(_ pid: Int) -> Bool { kill(pid_t(pid), 0) == 0 || errno != ESRCH }

    static let sleepers = """
        scenario: Tasks that outlast the run
        pools:
          procs: {kind: processes, size: 2}
        workers:
          task:
            count: 3
            pool: procs
            steps:
              - log: "running in {pid}"
              - sleep: 1h
          busy:
            pool: procs
            steps:
              - work: 1h
        """

    @Test func noChildOutlivesATimeOut() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("long.yaml", Self.sleepers)
        let run = try runScenario(["run", path, "--timeout", "1", "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 4), "\(run.summary)")
        let pids = Set(try Self.events(try directory.read("run.jsonl")).compactMap { $0["pid"] as? Int })
        #expect(pids.count == 2, "both processes ran a task")
        for pid in pids { #expect(!Self.exists(pid), "process \(pid) outlived the run") }
    }

    /// `--speed` divides the sleeps of the pool's processes too: 20 s of sleep at speed 1,000 ends
    /// well within a time-out of 10 s (it would time out if the children slept at full length).
    @Test func speedReachesThePoolProcesses() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("slow.yaml", """
            scenario: Slow tasks, sped up
            pools:
              procs: {kind: processes, size: 2}
            workers:
              task:
                count: 2
                pool: procs
                steps:
                  - sleep: 20s
            """)
        let run = try runScenario(["run", path, "--speed", "1000", "--timeout", "10", "--quiet"])
        #expect(run.exited(with: 0), "\(run.summary)")
    }

    @Test func noChildOutlivesADeadlock() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("stuck.yaml", Self.sleepers.replacingOccurrences(
            of: "scenario: Tasks that outlast the run\n", with: "scenario: A deadlock beside busy processes\nlocks:\n  left: lock\n  right: lock\n")
            + """

              first:
                - with: left
                  do:
                    - sleep: 50ms
                    - acquire: right
              second:
                - with: right
                  do:
                    - sleep: 50ms
                    - acquire: left
            """)
        let run = try runScenario(["run", path, "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 3), "\(run.summary)")
        let pids = Set(try Self.events(try directory.read("run.jsonl")).compactMap { $0["pid"] as? Int })
        #expect(pids.count == 2, "both processes ran a task")
        for pid in pids { #expect(!Self.exists(pid), "process \(pid) outlived the run") }
    }

    @Test func noChildOutlivesACtrlC() throws {
        let executable = try ScenarioBinary.require()
        let directory = try TemporaryDirectory()
        let path = try directory.write("long.yaml", Self.sleepers)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", path, "--timeline", "-", "--timeout", "60"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Wait until both processes run a task: their pids are in the streamed timeline.
        var text = ""
        var pids: Set<Int> = []
        while pids.count < 2 {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            pids = Set(text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["pid"] as? Int
            })
        }
        #expect(pids.count == 2, "\(text.suffix(2000))")
        process.interrupt()
        while !output.fileHandleForReading.availableData.isEmpty {}
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        for pid in pids { #expect(!Self.exists(pid), "process \(pid) outlived the run") }
    }

    /// Two tasks on a pool of one process: the first logs its pid and sleeps an hour (until it
    /// is killed), the second logs its pid and ends.
    static let victim = """
        scenario: A process killed from outside
        pools:
          procs: {kind: processes, size: 1}
        workers:
          task:
            count: 2
            pool: procs
            steps:
              - log: "task {i} in {pid}"
              - repeat: "{2 - i}"
                do:
                  - sleep: 1h
        """

    /// What a run of `victim` did when its first task's process was killed from outside.
    struct KilledRun {
        var pid: Int
        var status: Int32
        var timeline: String
        var summary: String
    }

    /// Runs `victim` with `executable`, its timeline streamed to a pipe; once task 1's log names
    /// its process, calls `beforeKill`, kills that process with SIGKILL, and waits for the run.
    static func killFirstTask(
        executable: URL, directory: TemporaryDirectory, beforeKill: () throws -> Void = {}
    ) throws -> KilledRun {
        let path = try directory.write("victim.yaml", victim)
        let process = Process()
        process.executableURL = executable
        // The timeline streams to standard output, the summary goes to standard error.
        process.arguments = ["run", path, "--timeline", "-", "--color", "never", "--timeout", "60"]
        let output = Pipe()
        process.standardOutput = output
        let summary = try directory.write("summary.txt", "")
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: summary))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        var victim: Int?
        while victim == nil {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n") where line.contains("task 1 in ") {
                victim = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["pid"] as? Int
            }
        }
        let pid = try #require(victim, "\(text.suffix(2000))")
        try beforeKill()
        kill(pid_t(pid), SIGKILL)
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return KilledRun(pid: pid, status: process.terminationStatus, timeline: text, summary: try directory.read("summary.txt"))
    }

    @Test func aChildKilledFromOutsideFailsItsTaskWithTheSignal() throws {
        let directory = try TemporaryDirectory()
        let run = try Self.killFirstTask(executable: try ScenarioBinary.require(), directory: directory)
        #expect(run.status == 5)
        #expect(run.summary.contains("'task-1' failed: the process running it was killed by signal 9 (SIGKILL)"), "\(run.summary)")
        #expect(run.summary.contains("task-1: failed"), "\(run.summary)")
        // The second task ran in the new process that took the dead one's place.
        let events = try Self.events(run.timeline)
        let second = events.first { $0["worker"] as? String == "task-2" && $0["event"] as? String == "log" }
        let replacement = try #require(second?["pid"] as? Int)
        #expect(replacement != run.pid)
    }
}
