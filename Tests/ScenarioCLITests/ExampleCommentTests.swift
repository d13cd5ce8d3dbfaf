import Foundation
import Testing

/// The comments of `scenarios/*.yaml` describe what `scenario run` prints by default; these
/// check the claims that can be checked mechanically, on the real output (100 columns wide).
@Suite("Example comments match the output")
struct ExampleCommentTests {
    static let folder = TestFiles.packageRoot.appendingPathComponent("scenarios")

    static var examples: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The comment lines at the top of the file, without their `#`.
    private func comment(of file: URL) throws -> String {
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }
            .map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    private func run(_ file: URL) throws -> ProcessOutput {
        try runScenario(
            ["run", file.path, "--color", "never", "--speed", "50", "--timeout", "30"],
            environment: ["NO_COLOR": "1", "COLUMNS": "100"])
    }

    /// A timeline cut at 200 events hides its end, so the comment must say how to see it.
    @Test func examplesWhoseTimelineIsCutPointAtAll() throws {
        #expect(Self.examples.count >= 12)
        for file in Self.examples {
            let output = try run(file)
            guard output.stdout.contains("more events not shown") else { continue }
            #expect(try comment(of: file).contains("`--all`"), "\(file.lastPathComponent) is cut but its comment does not mention --all")
        }
    }

    /// Every `sleep D` or `work D` line a comment quotes (in backquotes) is one the run prints.
    @Test func quotedSleepAndWorkLinesArePrinted() throws {
        let pattern = try NSRegularExpression(pattern: "`((?:sleep|work) [0-9][0-9a-zµ.]*)`")
        var quoted = 0
        for file in Self.examples {
            let text = try comment(of: file)
            let phrases = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).map { String(text[$0]) }
            }
            guard !phrases.isEmpty else { continue }
            let output = try run(file)
            for phrase in phrases {
                quoted += 1
                #expect(output.stdout.contains("│ \(phrase) ") || output.stdout.contains("│ \(phrase)\n") || output.stdout.contains("  \(phrase)\n"),
                        "\(file.lastPathComponent) quotes `\(phrase)`, which the run does not print")
            }
        }
        #expect(quoted >= 5)
    }
}
