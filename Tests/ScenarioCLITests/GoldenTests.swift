import Foundation
import Testing

/// The full output of `scenario check` on a file with one of each kind of problem, compared with a
/// reviewed copy. After an intended change to the messages or their layout, record it again with
///
///     SCENARIO_RECORD_GOLDEN=1 swift test --filter GoldenTests
///
/// and review the diff of `Tests/ScenarioCLITests/Golden/` before committing.
@Suite("Golden diagnostics")
struct GoldenTests {
    static var recording: Bool { ProcessInfo.processInfo.environment["SCENARIO_RECORD_GOLDEN"] == "1" }

    @Test func checkOutputOfTheBadScenario() throws {
        // Run from the test directory with a relative path, so the output names the file the same
        // way on every machine.
        let output = try runScenario(["check", "--color", "never", "Fixtures/bad-scenario.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        try compare(output.stderr, with: "bad-scenario.check.stderr")
        try compare(output.stdout, with: "bad-scenario.check.stdout")
    }

    private func compare(_ actual: String, with name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = TestFiles.golden.appendingPathComponent(name)
        if Self.recording {
            try FileManager.default.createDirectory(at: TestFiles.golden, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "no golden file at \(url.path); record it with SCENARIO_RECORD_GOLDEN=1 swift test --filter GoldenTests",
                sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let expectedLine = first < expectedLines.count ? String(expectedLines[first]) : "(end of file)"
        let actualLine = first < actualLines.count ? String(actualLines[first]) : "(end of output)"
        Issue.record(
            """
            output differs from \(name) at line \(first + 1):
              expected: \(expectedLine)
              actual:   \(actualLine)
            (if the change is intended, record again with SCENARIO_RECORD_GOLDEN=1)
            --- full actual output:
            \(actual)
            """,
            sourceLocation: sourceLocation)
    }
}
