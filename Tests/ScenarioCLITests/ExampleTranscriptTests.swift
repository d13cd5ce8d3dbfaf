import Foundation
import Testing

/// The commands a comment of `scenarios/*.yaml` shows as a transcript (an indented line
/// `$ scenario …`, then the lines it prints) are run, in order, in one scratch directory where
/// `scenarios/` is the real folder. Every command must be accepted (no usage error, exit 2);
/// when the transcript shows output, the output must be exactly that, line for line, where
/// `…` stands for any text (run times, rates, the number of cores). Only deterministic commands
/// may show output: the simulator's runs and series, and `diff` of their timelines.
@Suite("Example transcripts match the output")
struct ExampleTranscriptTests {
    struct Transcript {
        var command: [String]
        var expected: [String]
    }

    /// The transcripts of one file's header comment, in order.
    static func transcripts(of file: URL) throws -> [Transcript] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }
            .map { line in
                let text = line.dropFirst()
                return String(text.hasPrefix(" ") ? text.dropFirst() : text)
            }
        var result: [Transcript] = []
        var current: Transcript?
        for line in lines {
            guard line.hasPrefix("    ") else {
                // A line that is not indented ends the transcript.
                if let finished = current { result.append(finished) }
                current = nil
                continue
            }
            let text = String(line.dropFirst(4))
            if text.hasPrefix("$ scenario ") {
                if let finished = current { result.append(finished) }
                current = Transcript(command: text.dropFirst(2).split(separator: " ").dropFirst().map(String.init), expected: [])
            } else {
                current?.expected.append(text)
            }
        }
        if let finished = current { result.append(finished) }
        return result
    }

    static var filesWithTranscripts: [URL] {
        ExampleCommentTests.examples.filter { (try? transcripts(of: $0).isEmpty) == false }
    }

    /// Whether `actual` is `expected`, where `…` in `expected` matches any text.
    static func matches(_ actual: String, _ expected: String) -> Bool {
        let parts = expected.components(separatedBy: "…")
        guard parts.count > 1 else { return actual == expected }
        var rest = Substring(actual)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    @Test func someExampleHasATranscript() {
        #expect(!Self.filesWithTranscripts.isEmpty)
    }

    @Test func theWildcardMatchesAnyText() {
        #expect(Self.matches("in 308ms (3,251 runs/s)", "in …"))
        #expect(Self.matches("1,000 runs on simulate, 2 at a time, in 3s", "1,000 runs on simulate, … at a time, in …"))
        #expect(!Self.matches("1,000 runs on threads, 2 at a time", "1,000 runs on simulate, … at a time"))
        #expect(!Self.matches("counter = 3", "counter = 4"))
    }

    @Test(arguments: filesWithTranscripts)
    func transcriptsAreWhatTheCommandsPrint(_ file: URL) throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(
            at: directory.url.appendingPathComponent("scenarios"), withDestinationURL: ExampleCommentTests.folder)
        for transcript in try Self.transcripts(of: file) {
            let output = try runScenario(
                transcript.command + ["--color", "never"], in: directory.url, environment: ["NO_COLOR": "1", "COLUMNS": "100"])
            let shown = transcript.command.joined(separator: " ")
            #expect(output.status != 2, "\(file.lastPathComponent): `scenario \(shown)` was refused: \(output.summary)")
            guard !transcript.expected.isEmpty else { continue }
            let deterministic = transcript.command.contains("simulate") || transcript.command.first == "diff"
            #expect(deterministic, "\(file.lastPathComponent): `scenario \(shown)` shows output, but it is not deterministic")
            let actual = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .reversed().drop { $0.isEmpty }.reversed()
            #expect(actual.count == transcript.expected.count, "\(file.lastPathComponent): `scenario \(shown)` printed:\n\(output.stdout)")
            for (got, want) in zip(actual, transcript.expected) {
                #expect(Self.matches(got, want), "\(file.lastPathComponent): `scenario \(shown)` printed\n\(got)\nwhere the comment shows\n\(want)")
            }
        }
    }
}
