import Foundation
import Synchronization
import Testing

/// Headless Chromium, run as a user would run it, for the HTML page's tests.
///
/// Where `chromium` is missing the browser tests are skipped, except under `CI=true`, where they run
/// and fail saying so: CI installs it (`.ci/run`), so a missing browser there is a broken set-up.
enum Chromium {
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// Whether the browser tests run: the browser is here, or CI requires it.
    static let shouldRun = executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"

    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(
            executable,
            "chromium is not installed (CI=true requires it; `apt-get install chromium`, as .ci/run does)",
            sourceLocation: sourceLocation)
    }

    /// Where screenshots and pages are kept after the tests: `.build/html-artefacts`.
    static let artefacts: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/html-artefacts")
    }()

    /// Runs headless Chromium on `page` with `options` (such as `--dump-dom`), with a fresh profile;
    /// a browser still running after `timeLimit` seconds is killed and the test fails.
    static func run(
        _ options: [String], page: URL, fragment: String = "", timeLimit: Double = 120,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> BrowserRun {
        let executable = try require(sourceLocation: sourceLocation)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdout = scratch.appendingPathComponent("stdout"), stderr = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)", "--no-first-run",
            "--window-size=1400,1000", "--hide-scrollbars",
        ] + options + [page.absoluteString + fragment]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        let started = Date()
        try process.run()
        let inTime = ended.wait(timeout: .now() + timeLimit) == .success
        if !inTime {
            process.terminate()
            _ = ended.wait(timeout: .now() + 30)
        }
        let result = BrowserRun(
            status: process.terminationStatus, seconds: Date().timeIntervalSince(started),
            stdout: String(decoding: (try? Data(contentsOf: stdout)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self))
        try #require(inTime, "chromium did not end within \(timeLimit) s\n\(result.stderr.suffix(3000))", sourceLocation: sourceLocation)
        return result
    }
}

/// What one Chromium run printed.
struct BrowserRun {
    var status: Int32
    var seconds: Double
    var stdout: String
    var stderr: String

    /// The page's console messages and uncaught exceptions: Chromium logs each as a `CONSOLE`
    /// line on standard error (`INFO:CONSOLE:12] "message", source: …`, or `CONSOLE(12)` in older
    /// versions), whatever its level, so any of them counts: the page writes nothing on purpose.
    var consoleLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE:") || $0.contains(":CONSOLE(") }
    }

    /// The DOM that `--dump-dom` printed, without the script elements (their text holds the data and
    /// the code, which would otherwise be counted along with the drawing).
    var dom: String {
        var kept = ""
        var rest = stdout[...]
        while let open = rest.range(of: "<script") {
            kept += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "</script>") else { return kept }
            rest = rest[close.upperBound...]
        }
        return kept + rest
    }
}
