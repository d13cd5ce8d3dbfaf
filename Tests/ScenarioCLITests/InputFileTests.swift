import Foundation
import Testing

/// Input files (the scenario, `--replay`'s timeline, `diff`'s runs) are read as `cat` reads
/// them: a pipe, `/dev/stdin` or `/dev/null` is a file like any other, and a file that cannot be
/// read says why, truthfully.
@Suite("input files: pipes, devices, directories")
struct InputFileTests {
    static let counter = """
        scenario: Counter
        variables:
          counter: 0
        workers:
          w:
            - increment: counter
        expect:
          counter: 1
        """

    /// Runs `script` in sh with the binary as $0 and `arguments` as $1, $2, ….
    func shell(_ script: String, _ arguments: [String], in directory: TemporaryDirectory) throws -> ProcessOutput {
        let binary = try ScenarioBinary.require()
        return try runScenario(["-c", script, binary.path] + arguments, in: directory.url, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    @Test func aScenarioPipedToStandardInputIsRead() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.counter)
        let check = try shell("cat \"$1\" | \"$0\" check /dev/stdin", [file], in: directory)
        #expect(check.exited(with: 0), "\(check.summary)")
        let run = try shell("cat \"$1\" | \"$0\" run /dev/stdin --quiet --color never", [file], in: directory)
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(run.stdout.contains("✓ counter = 1"), "\(run.summary)")
    }

    @Test func aTimelineThroughAFIFOIsReplayedAndDiffed() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.counter)
        let record = try runScenario(["run", file, "--runtime", "simulate", "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(record.exited(with: 0), "\(record.summary)")
        let fifo = directory.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let replay = try shell(
            "cat \"$1\" > \"$2\" & \"$0\" run \"$3\" --runtime simulate --replay \"$2\" --quiet", [directory.path("run.jsonl"), fifo, file],
            in: directory)
        #expect(replay.exited(with: 0), "\(replay.summary)")
        let diff = try shell("cat \"$1\" > \"$2\" & \"$0\" diff \"$2\" \"$1\"", [directory.path("run.jsonl"), fifo], in: directory)
        #expect(diff.exited(with: 0), "\(diff.summary)")
        #expect(diff.stdout.contains("same"), "\(diff.summary)")
    }

    /// `-` is standard input, as for `cat`: a timeline piped into `diff` or `--replay`.
    @Test func aDashReadsStandardInput() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.counter)
        let record = try runScenario(["run", file, "--runtime", "simulate", "--quiet", "--timeline", directory.path("run.jsonl")])
        #expect(record.exited(with: 0), "\(record.summary)")
        let diff = try shell("\"$0\" diff \"$1\" - < \"$1\"", [directory.path("run.jsonl")], in: directory)
        #expect(diff.exited(with: 0), "\(diff.summary)")
        #expect(diff.stdout.contains("same"), "\(diff.summary)")
        let replay = try shell("\"$0\" run \"$1\" --runtime simulate --replay - --quiet < \"$2\"", [file, directory.path("run.jsonl")], in: directory)
        #expect(replay.exited(with: 0), "\(replay.summary)")
        let check = try shell("\"$0\" check - < \"$1\"", [file], in: directory)
        #expect(check.exited(with: 0), "\(check.summary)")
    }

    @Test func devNullIsAnEmptyFileNotAPermissionProblem() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.counter)
        let diff = try runScenario(["diff", "/dev/null", file], in: directory.url)
        #expect(diff.exited(with: 2), "\(diff.summary)")
        #expect(diff.stderr.contains("/dev/null:1: error: empty file: neither a timeline nor a report"), "\(diff.summary)")
        let replay = try runScenario(["run", file, "--runtime", "simulate", "--replay", "/dev/null"], in: directory.url)
        #expect(replay.exited(with: 2), "\(replay.summary)")
        #expect(replay.stderr.contains("/dev/null: error: the timeline to replay has no events"), "\(replay.summary)")
        let check = try runScenario(["check", "/dev/null"], in: directory.url)
        #expect(check.exited(with: 2), "\(check.summary)")
        #expect(!check.stderr.contains("permission"), "\(check.summary)")
    }

    @Test func aDirectoryToReplayIsNamedAsOne() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("counter.yaml", Self.counter)
        let replay = try runScenario(["run", file, "--runtime", "simulate", "--replay", directory.path("")], in: directory.url)
        #expect(replay.exited(with: 2), "\(replay.summary)")
        #expect(replay.stderr.contains("error: is a directory; give a timeline written by --timeline"), "\(replay.summary)")
        let missing = try runScenario(["run", file, "--runtime", "simulate", "--replay", "nowhere.jsonl"], in: directory.url)
        #expect(missing.stderr.contains("nowhere.jsonl: error: no such file"), "\(missing.summary)")
    }
}
