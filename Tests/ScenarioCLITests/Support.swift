import Foundation
import ScenarioCLI
import Synchronization
import Testing

/// Paths of this test target's files, found from this file's path so that no resources need
/// declaring: `Tests/ScenarioCLITests/{Fixtures,Golden}`.
enum TestFiles {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = directory.appendingPathComponent("Fixtures")
    static let golden = directory.appendingPathComponent("Golden")
    /// The package root (`<root>/Tests/ScenarioCLITests/Support.swift`).
    static let packageRoot = directory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// Scenarios shared with the runtime tests: `Tests/Fixtures/runs/NAME.yaml`.
    static let sharedScenarios = directory.deletingLastPathComponent().appendingPathComponent("Fixtures/runs")

    /// The path of the shared scenario `name` (without `.yaml`).
    static func sharedScenario(_ name: String) -> String {
        sharedScenarios.appendingPathComponent("\(name).yaml").path
    }
}

/// The built `scenario` executable.
enum ScenarioBinary {
    /// Where SwiftPM puts the executable: in the same directory as the test product.
    /// - Linux: `.build/<triple>/debug/scenarioPackageTests.xctest` is itself the test runner.
    /// - macOS: `.build/<triple>/debug/scenarioPackageTests.xctest` is a bundle loaded by a runner.
    static let candidates: [URL] = {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL {
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            directories.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(TestFiles.packageRoot.appendingPathComponent(".build/debug"))
        return directories.map { $0.appendingPathComponent("scenario") }
    }()

    static let url: URL? = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// The executable, or a failed test that says where it was looked for.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(
            url,
            """
            the 'scenario' executable was not found; build it with `swift build --build-tests` \
            (looked in: \(candidates.map(\.path).joined(separator: ", ")))
            """,
            sourceLocation: sourceLocation)
    }
}

/// What a run of the executable printed, and how it ended.
struct ProcessOutput {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String

    /// Exited normally (did not crash) with `code`.
    func exited(with code: Int32) -> Bool { reason == .exit && status == code }

    /// How the run ended and what it printed (long output cut short), for failure messages.
    var summary: String {
        func cut(_ text: String) -> String { text.count > 3000 ? text.prefix(3000) + "…\n" : text }
        return "exit \(reason == .exit ? "status" : "signal") \(status)\n--- stdout:\n\(cut(stdout))--- stderr:\n\(cut(stderr))"
    }
}

/// Runs `scenario` (or `executable`, such as a shell that runs it) with `arguments` in `directory`, capturing both streams through files (pipes
/// can fill up and block a child that writes a lot). A child still running after `timeLimit`
/// seconds is terminated and the test fails, so that no test can hang.
func runScenario(
    _ arguments: [String], in directory: URL = TestFiles.directory, environment: [String: String] = [:],
    timeLimit: Double = 120, executable: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> ProcessOutput {
    let binary = try executable ?? ScenarioBinary.require(sourceLocation: sourceLocation)
    let scratch = try TemporaryDirectory()
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer {
        try? out.close()
        try? err.close()
    }

    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "NO_COLOR")
    env.merge(environment) { _, new in new }
    process.environment = env
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    let endedInTime = finished.wait(timeout: .now() + timeLimit) == .success
    if !endedInTime {
        process.terminate()
        if finished.wait(timeout: .now() + 10) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
    }

    let output = ProcessOutput(
        status: process.terminationStatus,
        reason: process.terminationReason,
        stdout: try String(contentsOf: outURL, encoding: .utf8),
        stderr: try String(contentsOf: errURL, encoding: .utf8))
    try #require(
        endedInTime,
        """
        scenario \(arguments.joined(separator: " ")) did not end within \(timeLimit) s and was terminated
        \(output.summary)
        """,
        sourceLocation: sourceLocation)
    return output
}

/// A fresh directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("scenario-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in this directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// The path of `name` in this directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// The text of the file `name` in this directory.
    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A console that records what commands print, for in-process runs of `CommandLineEntry`.
final class RecordingConsole: Sendable {
    private let streams = Mutex<(out: String, err: String)>(("", ""))
    let errIsTerminal: Bool

    init(errIsTerminal: Bool = false) {
        self.errIsTerminal = errIsTerminal
    }

    var out: String { streams.withLock { $0.out } }
    var err: String { streams.withLock { $0.err } }

    var console: Console {
        Console(
            writeOut: { text in self.streams.withLock { $0.out += text } },
            writeErr: { text in self.streams.withLock { $0.err += text } },
            outIsTerminal: false, errIsTerminal: errIsTerminal)
    }

    /// Runs the tool in-process with this console and returns its exit code.
    func run(_ arguments: [String]) async -> Int32 {
        await Console.$current.withValue(console) {
            await CommandLineEntry.run(arguments)
        }
    }
}

/// One diagnostic as printed: `FILE:LINE:COL: severity: message`, then the source line and the caret line.
struct PrintedDiagnostic {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var message: String
    var sourceLine: String?
    var caretLine: String?

    /// Parses `text` (stderr of `check`) into diagnostics; lines that are not headings are excerpts.
    static func parse(_ text: String) -> [PrintedDiagnostic] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [PrintedDiagnostic] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard let match = lines[index].wholeMatch(of: /(.+?):(\d+):(\d+): (error|warning|note): (.*)/),
                let line = Int(match.2), let column = Int(match.3)
            else { continue }
            var diagnostic = PrintedDiagnostic(
                file: String(match.1), line: line, column: column, severity: String(match.4),
                message: String(match.5))
            if index + 2 < lines.count, lines[index + 1].hasPrefix("  "), lines[index + 2].hasSuffix("^") {
                diagnostic.sourceLine = String(lines[index + 1].dropFirst(2))
                diagnostic.caretLine = String(lines[index + 2].dropFirst(2))
                index += 2
            }
            result.append(diagnostic)
        }
        return result
    }
}

extension ProcessOutput {
    /// Standard output parsed as one JSON object.
    func jsonObject(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        return try #require(object as? [String: Any], "stdout is not a JSON object: \(summary)", sourceLocation: sourceLocation)
    }
}

extension ProcessOutput: CustomTestStringConvertible {
    /// Short, so that a failed `#expect` does not print the streams twice (messages carry `summary`).
    var testDescription: String { "exit \(reason == .exit ? "status" : "signal") \(status)" }
}
