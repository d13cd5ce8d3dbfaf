import Foundation
import Testing

/// The built `scenario` binary, run as a user runs it, for tests of the files it writes.
enum BuiltScenario {
    /// The package root: `<root>/Tests/ScenarioRenderingTests/this file`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the built binary (next to the test product, as SwiftPM puts it) in the package root,
    /// and returns its exit status (what it prints is dropped: the tests read the files it writes).
    static func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let binary = try binary(sourceLocation: sourceLocation)
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

    /// The binary these tests were built with (not a release build that may be older).
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first, first.contains("/") {
            candidates.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        return try #require(
            candidates.map { $0.appendingPathComponent("scenario") }.first { FileManager.default.isExecutableFile(atPath: $0.path) },
            "the scenario binary was not built (swift build --build-tests)", sourceLocation: sourceLocation)
    }
}
