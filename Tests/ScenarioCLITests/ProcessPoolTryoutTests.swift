import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Process pools used as a demanding user would: chatty tasks, odd ways to start the binary,
/// the hidden worker command typed by hand, and what a failing task reports.
@Suite("Process pools: a user's try-out")
struct ProcessPoolTryoutTests {
    /// A task whose child sends back thousands of events: the run relays every one of them (and
    /// the summary speaks of one process in the singular).
    @Test func aTaskThatLogsThousandsOfLinesRunsToItsEnd() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("chatty.yaml", """
            scenario: A chatty process
            variables:
              lines: 0
            pools:
              procs: {kind: processes, size: 1}
            workers:
              task:
                pool: procs
                result: "{i}"
                steps:
                  - repeat: 20000
                    do:
                      - log: "line {round}"
            """)
        let run = try runScenario(["run", path, "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("procs: 1 process, with its own copy of the variables"), "\(run.summary)")
        let logs = try directory.read("run.jsonl").split(separator: "\n").filter { $0.contains("\"event\":\"log\"") }
        #expect(logs.count == 20000)
    }

    /// `scenario process-worker` typed by hand, its standard input a terminal or a pipe that
    /// stays open (not the run's socket): it says what it is for and ends, rather than wait
    /// for the run's first line forever.
    @Test func theWorkerCommandTypedByHandExplainsItselfAndEnds() throws {
        let process = Process()
        process.executableURL = try ScenarioBinary.require()
        process.arguments = ["process-worker"]
        let input = Pipe()  // its write end stays open until the test ends: no end of file
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let endedInTime = finished.wait(timeout: .now() + 60) == .success
        if !endedInTime { process.terminate() }
        try #require(endedInTime, "scenario process-worker waited forever for a run that will never talk to it")
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(printed.contains("is not for use by hand. Run the scenario instead: scenario run FILE"), "\(printed)")
        try input.fileHandleForWriting.close()
    }

    /// Too few file descriptors for a pool of 64: the run fails before it begins, and says what
    /// to do about it.
    @Test func aPoolTheSystemCannotStartSaysWhyAndWhatToDo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("wide.yaml", """
            scenario: More processes than open files
            variables:
              calls: 0
            pools:
              procs: {kind: processes, size: 64}
            workers:
              task:
                count: 100
                pool: procs
                steps:
                  - increment: calls
            """)
        let binary = try ScenarioBinary.require()
        let run = try runScenario(
            ["-c", "ulimit -n 24 && exec \"$0\" run \"$1\" --color never", binary.path, path],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(run.exited(with: 5), "\(run.summary)")
        #expect(run.stdout.contains(
            "runtime error: cannot start a process of pool 'procs': cannot make a socket pair (Too many open files); "
                + "each process of a pool takes one of the run's open files, and the run may open 24: "
                + "raise the limit (ulimit -n) or make the pool smaller (its size:)"), "\(run.summary)")
        // Nothing ran: no task was submitted or started, and no process that never started is listed.
        #expect(!run.stdout.contains("submit procs") && !run.stdout.contains("start procs"), "\(run.summary)")
        #expect(!run.stdout.contains("(pid 0)"), "\(run.summary)")
    }

    /// A task's `result:` that divides by zero in its child process is reported at the
    /// `result:`, and the message calls it that, not a step.
    @Test func aResultThatFailsInTheChildIsReportedAtTheResult() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("zero.yaml", """
            scenario: A result that divides by zero
            variables:
              zero: 0
            pools:
              procs: {kind: processes, size: 1}
            workers:
              task:
                pool: procs
                result: "{10 / zero}"
                steps:
                  - log: "working"
            """)
        let run = try runScenario(["run", path, "--quiet", "--color", "never"])
        #expect(run.exited(with: 5), "\(run.summary)")
        #expect(run.stdout.contains(
            "zero.yaml:9:13: runtime error: 'task' divides by zero evaluating '{10 / zero}' in its 'result'\n"),
            "\(run.summary)")
    }

    /// The binary's file removed (or rebuilt) while a run goes on: a process that replaces one
    /// killed from outside is still started, from the running binary itself.
    @Test func aReplacementProcessStartsEvenWhenTheBinaryFileIsGone() throws {
        let directory = try TemporaryDirectory()
        let copy = directory.path("scenario-copy")
        try FileManager.default.copyItem(atPath: try ScenarioBinary.require().path, toPath: copy)
        let run = try ProcessPoolCLITests.killFirstTask(executable: URL(fileURLWithPath: copy), directory: directory) {
            try FileManager.default.removeItem(atPath: copy)
        }
        let printed = run.summary, text = run.timeline
        #expect(run.status == 5, "\(printed)")
        #expect(printed.contains("'task-1' failed: the process running it was killed by signal 9 (SIGKILL)"), "\(printed)")
        #expect(!printed.contains("could not be started"), "\(printed)")
        #expect(text.contains("task 2 in "), "the second task ran in the replacement: \(text.suffix(2000))")
    }
}
