import Foundation
import Testing

/// `--timeline PATH` opens PATH as a shell redirection `> PATH` would, refuses the scenario
/// file itself, accepts `-` for standard output and reports every write error.
///
/// Device nodes are only ever named through symlinks in a temporary directory: a build that
/// replaced the path with a new file (as the tool once did) then replaces only the symlink.
@Suite("The timeline file")
struct TimelineFileTests {
    static let scenario = """
        scenario: Counter
        variables:
          counter: 0
        locks:
          guard: lock
        workers:
          w:
            count: 2
            steps:
              - with: guard
                do:
                  - increment: counter
        expect:
          counter: 2
        """

    /// A scenario file in a fresh directory.
    struct Setup {
        let directory: TemporaryDirectory
        let scenario: String

        init() throws {
            directory = try TemporaryDirectory()
            scenario = try directory.write("counter.yaml", TimelineFileTests.scenario)
        }

        func run(
            _ options: [String], stdout: ChildStream = .captured, stderr: ChildStream = .captured,
            descriptor3: ChildStream? = nil, sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> SpawnedRun {
            try spawnScenario(
                ["run", scenario, "--color", "never", "--timeout", "30"] + options, stdout: stdout, stderr: stderr,
                descriptor3: descriptor3, sourceLocation: sourceLocation)
        }
    }

    /// The lines of `text`: the header, then timeline events numbered 0, 1, 2, …, then the report trailer.
    static func expectTimeline(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var lines = text.split(separator: "\n")
        #expect(lines.last?.hasPrefix("{\"report\":{") == true, "no trailer: \(text)", sourceLocation: sourceLocation)
        lines.removeLast()
        #expect(lines.count >= 7, "too few lines: \(text)", sourceLocation: sourceLocation)
        #expect(lines.first?.hasPrefix("{\"timeline\":1,") == true, "no header: \(text)", sourceLocation: sourceLocation)
        for (index, line) in lines.dropFirst().enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["seq"] as? Int == index, "line \(index): \(line)", sourceLocation: sourceLocation)
        }
    }

    static func attributes(_ path: String) throws -> [FileAttributeKey: Any] {
        try FileManager.default.attributesOfItem(atPath: path)
    }

    @Test func theFirstLineIsAHeaderThatNamesTheRun() throws {
        let setup = try Setup()
        let path = setup.directory.path("run.jsonl")
        let run = try setup.run(["--quiet", "--timeline", path, "--runtime", "async"])
        #expect(run.exited(with: 0), "\(run.summary)")
        let lines = try setup.directory.read("run.jsonl").split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["seq"] == nil)
        #expect(header["timeline"] as? Int == 1)
        #expect(header["scenario"] as? String == "Counter")
        #expect(header["file"] as? String == setup.scenario)
        #expect(header["runtime"] as? String == "async")
        #expect(header["executor"] as? String == "loop")
        #expect(header["instances"] as? [String] == ["w-1", "w-2"])
        #expect(header["objects"] as? [String: String] == ["counter": "variable", "guard": "lock", "w": "worker"])
        // Declaration order, which a JSON object does not promise to keep: checked on the text.
        #expect(lines[0].hasSuffix(#""objects":{"counter":"variable","guard":"lock","w":"worker"}}"#))
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix(#"{"seq":"#) })
        #expect(lines.last?.hasPrefix(#"{"report":{"scenario": "Counter","#) == true)
    }

    @Test func aSymlinkIsFollowedAndStaysASymlink() throws {
        let setup = try Setup()
        let target = try setup.directory.write("target.jsonl", "")
        let link = setup.directory.path("link.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = try setup.run(["--quiet", "--timeline", link])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(try Self.attributes(link)[.type] as? FileAttributeType == .typeSymbolicLink)
        try Self.expectTimeline(try setup.directory.read("target.jsonl"))
    }

    @Test func anExistingFileKeepsItsModeAndLosesItsOldContent() throws {
        let setup = try Setup()
        let path = try setup.directory.write("run.jsonl", String(repeating: "old content\n", count: 1000))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let run = try setup.run(["--quiet", "--timeline", path])
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(try Self.attributes(path)[.posixPermissions] as? Int == 0o600)
        let text = try setup.directory.read("run.jsonl")
        #expect(!text.contains("old content"))
        try Self.expectTimeline(text)
    }

    @Test func aFIFOIsWrittenIntoAndStaysAFIFO() throws {
        let setup = try Setup()
        let path = setup.directory.path("timeline.fifo")
        try #require(mkfifo(path, 0o600) == 0)
        // A reader, as `cat FIFO` would be, and a writer of our own that keeps the reader from
        // seeing the end before the tool has opened the FIFO; closed once the tool has ended.
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        try #require(reader >= 0)
        let keepOpen = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        try #require(keepOpen >= 0)
        _ = fcntl(reader, F_SETFL, 0)
        let text = PipeReader(descriptor: reader)
        let run = try setup.run(["--quiet", "--timeline", path])
        close(keepOpen)
        #expect(run.exited(with: 0), "\(run.summary)")
        #expect(isFIFO(path))
        try Self.expectTimeline(text.text())
    }

    /// Like `>(wc -l)`: a pipe that the shell names `/dev/fd/N`.
    @Test func aPipeNamedByDescriptorIsWrittenInto() throws {
        let setup = try Setup()
        let run = try setup.run(["--quiet", "--timeline", "/dev/fd/3"], descriptor3: .pipe)
        #expect(run.exited(with: 0), "\(run.summary)")
        try Self.expectTimeline(run.descriptor3)
    }

    @Test func standardOutputThroughASymlinkIsWrittenInto() throws {
        let setup = try Setup()
        let link = setup.directory.path("stdout-link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/stdout")
        let run = try setup.run(["--quiet", "--timeline", link], stdout: .pipe)
        #expect(run.exited(with: 0), "\(run.summary)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("{\"timeline\":1,") == true, "\(run.summary)")
        #expect(lines.dropFirst().first?.hasPrefix("{\"seq\":0,") == true, "\(run.summary)")
        #expect(run.stdout.contains("status: ok"), "\(run.summary)")
    }

    @Test func aDashWritesTheTimelineToStandardOutputAndTheSummaryToStandardError() throws {
        let setup = try Setup()
        let run = try setup.run(["--timeline", "-"])
        #expect(run.exited(with: 0), "\(run.summary)")
        try Self.expectTimeline(run.stdout)
        #expect(run.stderr.contains("✓ counter = 2"), "\(run.summary)")
        #expect(run.stderr.contains("status: ok"), "\(run.summary)")
    }

    @Test func aDashWithJSONOutputIsRefused() throws {
        let setup = try Setup()
        let run = try setup.run(["--timeline", "-", "--format", "json"])
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.contains("--timeline - and --format json would both write to standard output"), "\(run.summary)")
        #expect(run.stdout.isEmpty, "\(run.summary)")
    }

    @Test func aDashOnAFullDiskSaysStandardOutput() throws {
        let setup = try Setup()
        let run = try setup.run(["--timeline", "-"], stdout: .path("/dev/full"))
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr.hasSuffix("scenario: error: cannot write to standard output: No space left on device\n"), "\(run.summary)")
    }

    enum NameOfTheScenario: CaseIterable {
        case samePath, symlink, hardLink
    }

    @Test(arguments: NameOfTheScenario.allCases)
    func theScenarioFileItselfIsRefusedBeforeTheRun(_ name: NameOfTheScenario) throws {
        let setup = try Setup()
        let path: String
        switch name {
        case .samePath:
            path = setup.scenario
        case .symlink:
            path = setup.directory.path("link.yaml")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: setup.scenario)
        case .hardLink:
            path = setup.directory.path("hard.yaml")
            try FileManager.default.linkItem(atPath: setup.scenario, toPath: path)
        }
        let run = try setup.run(["--timeline", path])
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(
            run.stderr == "\(path): error: cannot write the timeline file over \(setup.scenario), a file this command reads; give another path\n",
            "\(run.summary)")
        #expect(run.stdout.isEmpty, "the scenario must not have run: \(run.summary)")
        #expect(try setup.directory.read("counter.yaml") == Self.scenario)
    }

    @Test func aDirectoryIsRefusedWithTheReason() throws {
        let setup = try Setup()
        let run = try setup.run(["--timeline", setup.directory.url.path])
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == "\(setup.directory.url.path): error: cannot open the timeline file: Is a directory\n", "\(run.summary)")
        #expect(run.stdout.isEmpty, "the scenario must not have run: \(run.summary)")
    }

    @Test func aFullDiskIsReportedAfterTheReportWithExitTwo() throws {
        let setup = try Setup()
        let link = setup.directory.path("full")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
        // Both streams into one file, to see the order.
        let run = try setup.run(["--quiet", "--timeline", link], stderr: .sameAsOutput)
        #expect(run.exited(with: 2), "\(run.summary)")
        let message = "\(link): error: cannot write the timeline file: No space left on device\n"
        #expect(run.stdout.hasSuffix(message), "\(run.summary)")
        #expect(run.stdout.contains("status: ok"), "the report comes first: \(run.summary)")
    }

    @Test func aFullDiskWithJSONOutputStillPrintsTheWholeReport() throws {
        let setup = try Setup()
        let link = setup.directory.path("full")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/full")
        let run = try setup.run(["--format", "json", "--timeline", link])
        #expect(run.exited(with: 2), "\(run.summary)")
        #expect(run.stderr == "\(link): error: cannot write the timeline file: No space left on device\n", "\(run.summary)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["status"] as? String == "ok", "\(run.summary)")
    }
}

private func isFIFO(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
}
