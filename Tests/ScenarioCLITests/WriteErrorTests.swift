import Foundation
import ScenarioCLI
import Testing

/// A failed write to standard output or error ends the command with a message (when standard
/// error works) and exit 2, never a crash; a pipe whose reader went away ends it quietly.
@Suite("Write errors on standard output and error")
struct WriteErrorTests {
    static let valid = TestFiles.fixture("valid.yaml").path
    static let bad = TestFiles.fixture("bad-scenario.yaml").path
    static let warningsOnly = TestFiles.fixture("warnings-only.yaml").path
    static let lockCycle = TestFiles.sharedScenario("lock-cycle")

    static let fullDisk = "scenario: error: cannot write to standard output: No space left on device\n"

    @Test func aTextRunOnAFullDiskSaysSoAndExitsTwo() throws {
        let run = try spawnScenario(["run", Self.valid, "--color", "never"], stdout: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == Self.fullDisk, "\(run.summary)")
    }

    @Test func aJSONRunOnAFullDiskSaysSoAndExitsTwo() throws {
        let run = try spawnScenario(["run", Self.valid, "--format", "json"], stdout: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == Self.fullDisk, "\(run.summary)")
    }

    @Test func aWriteErrorOutranksTheStatusOfTheRun() throws {
        // A deadlock exits 3, but its report was lost: the write error is what the caller must see.
        let run = try spawnScenario(["run", Self.lockCycle, "--color", "never"], stdout: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == Self.fullDisk, "\(run.summary)")
    }

    @Test func helpOnAFullDiskExitsTwo() throws {
        let run = try spawnScenario(["help", "run"], stdout: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == Self.fullDisk, "\(run.summary)")
    }

    @Test func aClosedStandardOutputIsABadDescriptorNotACrash() throws {
        let run = try spawnScenario(["run", Self.valid, "--color", "never"], stdout: .closed)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == "scenario: error: cannot write to standard output: Bad file descriptor\n", "\(run.summary)")
    }

    @Test func aClosedStandardOutputDoesNotSendOutputIntoTheTimelineFile() throws {
        // With descriptor 1 closed, the timeline file would be opened as descriptor 1 and receive
        // the text meant for standard output.
        let directory = try TemporaryDirectory()
        let path = directory.path("run.jsonl")
        let run = try spawnScenario(["run", Self.valid, "--color", "never", "--timeline", path], stdout: .closed)
        #expect(run.exited(with: 2), "\(run.summary)")
        let lines = try directory.read("run.jsonl").split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.first?.hasPrefix("{\"timeline\":1,") == true, "not a header: \(lines.first ?? "")")
        for line in lines.dropFirst().dropLast() {
            #expect(line.hasPrefix("{\"seq\":"), "not a timeline line: \(line)")
        }
        #expect(lines.last?.hasPrefix("{\"report\":") == true, "no trailer: \(lines.last ?? "")")
    }

    @Test func checkWithStandardErrorOnAFullDiskExitsTwo() throws {
        let run = try spawnScenario(["check", Self.bad, "--color", "never"], stderr: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stdout == "\(Self.bad): 10 errors, 2 warnings\n", "\(run.summary)")
    }

    @Test func warningsThatCannotBeWrittenFailTheCheck() throws {
        let run = try spawnScenario(["check", Self.warningsOnly, "--color", "never"], stderr: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stdout.hasSuffix(": ok, 1 warning\n"), "\(run.summary)")
    }

    @Test func aClosedStandardErrorExitsTwoQuietly() throws {
        let run = try spawnScenario(["check", Self.bad, "--color", "never"], stderr: .closed)
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stdout == "\(Self.bad): 10 errors, 2 warnings\n", "\(run.summary)")
    }

    @Test func aGonePipeReaderEndsTheRunQuietlyWithSIGPIPEIgnored() throws {
        let run = try spawnScenario(
            ["run", Self.valid, "--color", "never"], stdout: .pipeWithoutReader, pipeSignal: .ignored)
        #expect(run.exited(with: 141), "\(run.summary)")
        #expect(run.stderr.isEmpty, "\(run.summary)")
    }

    @Test func aGonePipeReaderOfJSONEndsQuietlyWithSIGPIPEIgnored() throws {
        let run = try spawnScenario(
            ["run", Self.lockCycle, "--format", "json"], stdout: .pipeWithoutReader, pipeSignal: .ignored)
        #expect(run.exited(with: 141), "\(run.summary)")
        #expect(run.stderr.isEmpty, "\(run.summary)")
    }

    @Test func aGonePipeReaderEndsTheRunWithSIGPIPEAsCatDoes() throws {
        let run = try spawnScenario(["run", Self.valid, "--color", "never"], stdout: .pipeWithoutReader)
        #expect(run.signal == SIGPIPE, "\(run.summary)")
        #expect(run.stderr.isEmpty, "\(run.summary)")
    }

    @Test func aPipeReadToTheEndGetsEverything() throws {
        let run = try spawnScenario(["run", Self.valid, "--color", "never"], stdout: .pipe, pipeSignal: .ignored)
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("status: ok"), "\(run.summary)")
    }

    /// The console over descriptors, in-process: what `scenario` uses for its standard streams.
    @Test func aConsoleOverAFullDiskRecordsTheFirstFailureAndDropsTheRest() async throws {
        let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(full >= 0)
        defer { close(full) }
        let directory = try TemporaryDirectory()
        let errorPath = directory.path("stderr")
        let errors = open(errorPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try #require(errors >= 0)
        defer { close(errors) }

        let console = Console(outputDescriptor: full, errorDescriptor: errors)
        let status = await Console.$current.withValue(console) {
            await CommandLineEntry.run(["check", Self.valid])
        }
        #expect(status == 2)
        #expect(console.writeFailure() == WriteFailure(stream: .standardOutput, code: ENOSPC))
        #expect(try directory.read("stderr") == Self.fullDisk)
    }
}
