import Foundation
import Testing

// Every ```yaml block of README.md and grammar.md is an example that a reader will copy, so each
// one is a test case here, named FILE:LINE and failing at that line of the document. Comment lines
// at the top of a block may carry markers:
//
//   # fragment          a part of a file (a section, a worker, a few steps), not a whole scenario.
//                       It is checked as far as it goes alone: a list of steps is put in a worker,
//                       and the only errors allowed are about what a fragment leaves out (the title,
//                       the workers, names declared elsewhere, the `repeat` of a {round} or the
//                       `get` of an {item}).
//   # error: MESSAGE    a whole scenario that is wrong on purpose: `scenario check` must refuse it
//                       with an error containing MESSAGE. It is not run.
//   # warning: MESSAGE  the check reports a warning containing MESSAGE; one marker per warning, and a
//                       block without one must check without warnings.
//   # exit: N           the run ends with exit code N (say 3 for a deadlock it shows); 0 by default.
//
// Any other block is a whole scenario: it must pass `scenario check` and then run, at `--speed 100`,
// to exit code 0 (or its `# exit:`). A top comment shaped like a marker (`# word` or `# word: …`)
// that is not one fails the test, so that a misspelt marker cannot skip a check.

/// One ```yaml block of a document, with what its markers say about it.
struct DocumentedExample: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable, Equatable {
        /// `# fragment`.
        case fragment
        /// `# error: MESSAGE`.
        case refused(error: String)
        /// A whole scenario, with its `# warning:` messages and its `# exit:` code.
        case valid(warnings: [String], exit: Int32)
    }

    var document: String
    /// The line of the opening fence.
    var line: Int
    var text: String
    var expectation: Expectation
    /// Markers that are unknown, malformed or contradict each other.
    var markerProblems: [String]

    var testDescription: String { "\(document):\(line)" }

    /// The opening fence in the document, where a failure of this block is reported.
    var sourceLocation: SourceLocation {
        SourceLocation(
            fileID: "ScenarioCLITests/\(document)",
            filePath: TestFiles.packageRoot.appendingPathComponent(document).path, line: line, column: 1)
    }
}

/// Reads the ```yaml blocks of markdown text and the markers at their top.
enum DocumentedExamples {
    static let documents = ["README.md", "grammar.md"]

    /// Every block of every document (an unreadable document gives none, which
    /// `everyDocumentHasExamples` reports).
    static let all: [DocumentedExample] = documents.flatMap { document in
        let url = TestFiles.packageRoot.appendingPathComponent(document)
        guard let markdown = try? String(contentsOf: url, encoding: .utf8) else { return [DocumentedExample]() }
        return blocks(in: markdown, document: document)
    }

    /// The ```yaml (or ```yml) blocks of `markdown`. A block indented under a list item loses the
    /// indentation of its fence.
    static func blocks(in markdown: String, document: String) -> [DocumentedExample] {
        var examples: [DocumentedExample] = []
        var open: (line: Int, indent: Int, lines: [String])?
        for (offset, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var block = open {
                if trimmed == "```" {
                    examples.append(example(block.lines, document: document, line: block.line))
                    open = nil
                } else {
                    let indent = line.prefix { $0 == " " }.count
                    block.lines.append(String(line.dropFirst(min(indent, block.indent))))
                    open = block
                }
            } else if trimmed == "```yaml" || trimmed == "```yml" {
                open = (offset + 1, line.prefix { $0 == " " }.count, [])
            }
        }
        if let block = open {
            var unclosed = example(block.lines, document: document, line: block.line)
            unclosed.markerProblems.append("the block is never closed with ```")
            examples.append(unclosed)
        }
        return examples
    }

    private static func example(_ lines: [String], document: String, line: Int) -> DocumentedExample {
        var fragment = false
        var error: String?
        var warnings: [String] = []
        var exit: Int32?
        var problems: [String] = []
        for comment in lines.prefix(while: { $0.hasPrefix("#") }) {
            let body = comment.dropFirst().trimmingCharacters(in: .whitespaces)
            guard let marker = body.wholeMatch(of: /([a-z]+)(?::\s*(.*))?/) else { continue }
            let value = marker.2.map(String.init)
            switch (String(marker.1), value) {
            case ("fragment", nil): fragment = true
            case ("error", let message?) where !message.isEmpty: error = message
            case ("warning", let message?) where !message.isEmpty: warnings.append(message)
            case ("exit", let code?) where Int32(code) != nil: exit = Int32(code)
            default: problems.append("'\(comment)' is not a marker (# fragment, # error: M, # warning: M, # exit: N)")
            }
        }
        let expectation: DocumentedExample.Expectation
        if fragment {
            if error != nil || !warnings.isEmpty || exit != nil {
                problems.append("a '# fragment' is not checked as a whole scenario; it takes no other marker")
            }
            expectation = .fragment
        } else if let error {
            if !warnings.isEmpty || exit != nil {
                problems.append("a block with '# error:' is not run; it takes no '# warning:' or '# exit:'")
            }
            expectation = .refused(error: error)
        } else {
            expectation = .valid(warnings: warnings, exit: exit ?? 0)
        }
        return DocumentedExample(
            document: document, line: line, text: lines.joined(separator: "\n") + "\n", expectation: expectation,
            markerProblems: problems)
    }

    /// What a fragment may be missing: the errors its context would clear.
    static let contextErrors = [
        "missing 'scenario: <title>'", "missing 'workers:'", "which is not declared",
        "is used outside any 'repeat'", "never has a 'get' step",
    ]

    /// A fragment as a file: a list of steps becomes the steps of a worker.
    static func file(forFragment text: String) -> String {
        let first = text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        guard let first, first.hasPrefix("-") else { return text }
        let indented = text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        return "scenario: fragment\nworkers:\n  fragment:\n" + indented.joined(separator: "\n")
    }
}

@Suite("Examples in README.md and grammar.md")
struct DocumentedExamplesTests {
    @Test(arguments: DocumentedExamples.all)
    func documentedExample(_ example: DocumentedExample) throws {
        let here = example.sourceLocation
        for problem in example.markerProblems {
            Issue.record("\(example.testDescription): \(problem)", sourceLocation: here)
        }
        let directory = try TemporaryDirectory()
        let file: String
        if case .fragment = example.expectation {
            file = DocumentedExamples.file(forFragment: example.text)
        } else {
            file = example.text
        }
        let path = try directory.write("example.yaml", file)
        let check = try runScenario(["check", "--color", "never", path], sourceLocation: here)
        let errors = Self.messages(.error, in: check.stderr, path: path)
        let warnings = Self.messages(.warning, in: check.stderr, path: path)
        let context = "\(example.testDescription) (its line 1 is the line after the fence):\n\(check.summary)"

        switch example.expectation {
        case .fragment:
            let unexpected = errors.filter { error in !DocumentedExamples.contextErrors.contains { error.contains($0) } }
            #expect(unexpected.isEmpty, "a '# fragment' has errors of its own: \(unexpected)\n\(context)", sourceLocation: here)
        case .refused(let message):
            #expect(check.exited(with: 2), "'# error:' expects check to fail\n\(context)", sourceLocation: here)
            #expect(errors.contains { $0.contains(message) }, "no error contains '\(message)'\n\(context)", sourceLocation: here)
        case .valid(let expectedWarnings, let exit):
            #expect(check.exited(with: 0), "a complete example must pass check\n\(context)", sourceLocation: here)
            var unmatched = warnings
            for expected in expectedWarnings {
                if let index = unmatched.firstIndex(where: { $0.contains(expected) }) {
                    unmatched.remove(at: index)
                } else {
                    Issue.record("no warning contains '\(expected)' ('# warning:')\n\(context)", sourceLocation: here)
                }
            }
            #expect(unmatched.isEmpty, "warnings without a '# warning:' marker: \(unmatched)\n\(context)", sourceLocation: here)
            guard check.exited(with: 0) else { return }
            let run = try runScenario(
                ["run", path, "--speed", "100", "--timeout", "30", "--quiet", "--color", "never"], sourceLocation: here)
            #expect(run.exited(with: exit), "expected the run to exit with \(exit) ('# exit:')\n\(run.summary)", sourceLocation: here)
        }
    }

    @Test func everyDocumentHasExamples() {
        for document in DocumentedExamples.documents {
            #expect(DocumentedExamples.all.contains { $0.document == document }, "no ```yaml block found in \(document)")
        }
        // The README's example is the first thing a reader runs: it must be a whole scenario.
        let readme = DocumentedExamples.all.first { $0.document == "README.md" }
        #expect(readme?.expectation == .valid(warnings: [], exit: 0))
    }

    @Test func markersAreReadAsDocumented() {
        let markdown = """
            Text.

            ```yaml
            # fragment
            - log: hi
            ```

              ```yaml
              # error: is not declared
              # just a comment, not a marker
              scenario: t
              ```

            ```yml
            # cashiers.yaml
            # warning: never releases it
            # exit: 3
            scenario: t
            ```

            ```yaml
            # fragmnet
            - log: hi
            ```
            """
        let blocks = DocumentedExamples.blocks(in: markdown, document: "test.md")
        #expect(blocks.map(\.line) == [3, 8, 14, 21])
        #expect(blocks.map(\.expectation) == [
            .fragment, .refused(error: "is not declared"), .valid(warnings: ["never releases it"], exit: 3),
            .valid(warnings: [], exit: 0),
        ])
        #expect(blocks[1].text == "# error: is not declared\n# just a comment, not a marker\nscenario: t\n")
        #expect(blocks.map(\.markerProblems.count) == [0, 0, 0, 1])
        #expect(DocumentedExamples.file(forFragment: blocks[0].text).hasPrefix("scenario: fragment\nworkers:\n"))
    }

    /// The messages of `severity` that `check` printed for `path`.
    private static func messages(_ severity: Severity, in stderr: String, path: String) -> [String] {
        let marker = ": \(severity.rawValue): "
        return stderr.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(path + ":"), let range = line.range(of: marker) else { return nil }
            return String(line[range.upperBound...])
        }
    }

    private enum Severity: String {
        case error, warning
    }
}
