import Foundation
import Testing

/// Pages the built `scenario` binary writes (`run --html`, `diff --html`), loaded in headless
/// Chromium: what a user opens, not a page made from a hand-written picture.
@Suite(.serialized, .enabled(if: Chromium.shouldRun, "chromium is not installed"))
struct BinaryPageBrowserTests {
    /// The package root: `<root>/Tests/ScenarioRenderingTests/this file`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the built binary (next to the test product, as SwiftPM puts it) in the package root,
    /// and returns its exit status; its output goes to files in the artefacts directory.
    static func scenario(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first, first.contains("/") {
            candidates.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        let binary = try #require(
            candidates.map { $0.appendingPathComponent("scenario") }.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "the scenario binary was not built (swift build --build-tests)", sourceLocation: sourceLocation)
        try FileManager.default.createDirectory(at: Chromium.artefacts, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        let inTime = ended.wait(timeout: .now() + 120) == .success
        if !inTime { process.terminate() }
        try #require(inTime, "scenario \(arguments.joined(separator: " ")) did not end within 120 s", sourceLocation: sourceLocation)
        return process.terminationStatus
    }

    static func load(_ page: URL, fragment: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws -> PageDOM {
        let run = try Chromium.run(["--dump-dom"], page: page, fragment: fragment, sourceLocation: sourceLocation)
        #expect(run.consoleLines.isEmpty, "console messages:\n\(run.consoleLines.joined(separator: "\n"))", sourceLocation: sourceLocation)
        let dom = PageDOM(html: run.dom)
        #expect(dom.body("data-status") == "ready", "the page did not finish drawing: \(run.stderr.suffix(2000))", sourceLocation: sourceLocation)
        return dom
    }

    @Test func thePageOfARealRunHasALanePerInstanceAndStepsThrough() throws {
        let page = Chromium.artefacts.appendingPathComponent("binary-04.html")
        let status = try Self.scenario([
            "run", "scenarios/04-rlock-semaphore-barrier.yaml", "--runtime", "simulate", "--seed", "1", "--quiet",
            "--html", page.path,
        ])
        #expect(status == 0)
        let dom = try Self.load(page, fragment: "#steps=4")
        // Four workers and main.
        #expect(dom.count(role: "lane") == 5)
        #expect(dom.body("data-lanes") == "5")
        #expect(dom.count(role: "strip") == 2, "the rlock and the semaphore")
        #expect(dom.count(role: "level") == 1, "the semaphore's permits in use")
        #expect(dom.countSum(role: "arrow") >= 5, "a release → acquire, the barrier's opening → passes, finishes → joins")
        #expect(dom.count(role: "expectation") == 1)
        #expect(dom.body("data-current-event") == "3")
        #expect(dom.text(id: "current-event")?.contains("scenarios/04-rlock-semaphore-barrier.yaml:") == true)
    }

    @Test func thePageOfADeadlockDrawsItsCycle() throws {
        let page = Chromium.artefacts.appendingPathComponent("binary-08.html")
        let status = try Self.scenario([
            "run", "scenarios/08-lock-order-deadlock.yaml", "--runtime", "simulate", "--seed", "0", "--quiet",
            "--html", page.path,
        ])
        #expect(status == 0, "the file expects its deadlock")
        let dom = try Self.load(page)
        #expect(dom.count(role: "lane") == 2)
        #expect(dom.count(role: "cycle-node") == 4, "alice, bob and their two locks")
        #expect(dom.html.contains(#"data-role="status">ok<"#))
    }
}
