import Foundation
import Testing

/// `scenario check`, run as the built executable.
@Suite("scenario check (executable)")
struct CheckCommandTests {
    @Test func validFileExitsZero() throws {
        let output = try runScenario(["check", "Fixtures/valid.yaml"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout == "Fixtures/valid.yaml: ok\n")
        #expect(output.stderr.isEmpty, "\(output.summary)")
    }

    @Test func invalidFileExitsTwoWithCompilerStyleDiagnostics() throws {
        let directory = try TemporaryDirectory()
        try directory.write("broken.yaml", """
            scenario: Broken
            locks:
              l: lock
            workers:
              w:
                - aquire: l
            """)
        let output = try runScenario(["check", "broken.yaml"], in: directory.url)
        #expect(output.exited(with: 2), "\(output.summary)")
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let heading = try #require(lines.firstIndex { $0.hasPrefix("broken.yaml:6:7: error: unknown step 'aquire'") },
            "\(output.summary)")
        #expect(lines[heading + 1] == "      - aquire: l")
        #expect(lines[heading + 2] == "        ^")
        #expect(output.stdout == "broken.yaml: 1 error\n")
    }

    @Test func badFixtureCaretsSitUnderTheirColumns() throws {
        let output = try runScenario(["check", "Fixtures/bad-scenario.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        let printed = PrintedDiagnostic.parse(output.stderr)
        #expect(printed.count >= 10, "\(output.summary)")
        for diagnostic in printed {
            #expect(diagnostic.file == "Fixtures/bad-scenario.yaml")
            let source = try #require(diagnostic.sourceLine, "no excerpt under \(diagnostic)")
            let caret = try #require(diagnostic.caretLine)
            let padding = Array(caret.unicodeScalars.dropLast())
            let sourceScalars = Array(source.unicodeScalars)
            if source.hasPrefix("…") {
                // A long line is shown as a window; the caret still sits under the right scalar.
                #expect(padding.count < sourceScalars.count)
                continue
            }
            #expect(padding.count == diagnostic.column - 1, "caret of \(diagnostic.line):\(diagnostic.column)")
            // Tabs in the source are kept in the padding so that the caret lines up in a terminal.
            for (offset, scalar) in padding.enumerated() {
                #expect(scalar == (sourceScalars[offset] == "\t" ? "\t" : " "))
            }
        }
    }

    @Test func severalFilesAtOnce() throws {
        let output = try runScenario([
            "check", "Fixtures/valid.yaml", "Fixtures/bad-scenario.yaml", "Fixtures/warnings-only.yaml",
        ])
        #expect(output.exited(with: 2), "\(output.summary)")
        let summaries = output.stdout.split(separator: "\n").map(String.init)
        #expect(summaries.count == 3, "\(output.summary)")
        #expect(summaries.first == "Fixtures/valid.yaml: ok")
        #expect(summaries.dropFirst().first?.hasPrefix("Fixtures/bad-scenario.yaml: 10 errors") == true)
        #expect(summaries.last == "Fixtures/warnings-only.yaml: ok, 1 warning")
        #expect(output.stderr.contains("Fixtures/bad-scenario.yaml:3:1: error:"))
        #expect(output.stderr.contains("Fixtures/warnings-only.yaml:9:16: warning:"))
        #expect(!output.stderr.contains("Fixtures/valid.yaml"))
    }

    @Test func severalValidFilesExitZero() throws {
        let output = try runScenario(["check", "Fixtures/valid.yaml", "Fixtures/warnings-only.yaml"])
        #expect(output.exited(with: 0), "\(output.summary)")
    }

    @Test func missingFileExitsTwoAndOtherFilesAreStillChecked() throws {
        let output = try runScenario(["check", "Fixtures/no-such-file.yaml", "Fixtures/valid.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("Fixtures/no-such-file.yaml: error: no such file"))
        #expect(output.stdout.contains("Fixtures/valid.yaml: ok"))
    }

    @Test func directoryIsNotAFile() throws {
        let output = try runScenario(["check", "Fixtures"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("Fixtures: error: is a directory"))
    }

    @Test func warningsOnlyExitZeroAndPrintWarnings() throws {
        let output = try runScenario(["check", "Fixtures/warnings-only.yaml"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stderr.contains(
            "Fixtures/warnings-only.yaml:9:16: warning: worker 'forgetful' acquires lock 'door' but never releases it"))
        #expect(output.stdout == "Fixtures/warnings-only.yaml: ok, 1 warning\n")
    }

    @Test func quietPrintsNothingForAValidFile() throws {
        let output = try runScenario(["check", "--quiet", "Fixtures/valid.yaml"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.isEmpty)
    }

    /// `--quiet` is documented as "Print nothing for files without errors".
    @Test func quietPrintsNothingForAFileWithOnlyWarnings() throws {
        let output = try runScenario(["check", "-q", "Fixtures/warnings-only.yaml"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.isEmpty, "\(output.summary)")
        #expect(output.stderr.isEmpty, "\(output.summary)")
    }

    @Test func quietStillReportsErrors() throws {
        let output = try runScenario(["check", "-q", "Fixtures/valid.yaml", "Fixtures/bad-scenario.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(!output.stdout.contains("valid.yaml"))
        #expect(output.stdout.contains("Fixtures/bad-scenario.yaml: 10 errors"))
        #expect(output.stderr.contains("error:"))
    }

    @Test func colorAlwaysAndNever() throws {
        let always = try runScenario(["check", "--color", "always", "Fixtures/bad-scenario.yaml"])
        #expect(always.exited(with: 2))
        #expect(always.stderr.contains("\u{1B}[1;31merror:\u{1B}[0m"), "\(always.summary)")
        let never = try runScenario(["check", "--color", "never", "Fixtures/bad-scenario.yaml"])
        #expect(!never.stderr.contains("\u{1B}["))
        // Standard error is a file here, not a terminal: no colour by default.
        let auto = try runScenario(["check", "Fixtures/bad-scenario.yaml"])
        #expect(!auto.stderr.contains("\u{1B}["))
        #expect(auto.stderr == never.stderr)
    }

    @Test func instanceLimitCanBeRaised() throws {
        let directory = try TemporaryDirectory()
        try directory.write("many.yaml", """
            scenario: Many
            workers:
              w:
                count: 20000
                steps:
                  - log: hi
            """)
        let limited = try runScenario(["check", "many.yaml"], in: directory.url)
        #expect(limited.exited(with: 2), "\(limited.summary)")
        #expect(limited.stderr.contains("many.yaml:4:12: error: worker 'w' brings the scenario to 20000 instances"))
        let raised = try runScenario(["check", "--max-instances", "20000", "many.yaml"], in: directory.url)
        #expect(raised.exited(with: 0), "\(raised.summary)")
    }

    @Test func maxInstancesMustBePositive() throws {
        let output = try runScenario(["check", "--max-instances", "0", "Fixtures/valid.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("--max-instances must be at least 1"))
    }

    /// Counts near Int.max must be reported as over the limit, not crash the checker with an
    /// arithmetic overflow (WorkerRules adds up every worker's count; BarrierRules adds up waiters).
    @Test(arguments: [[], ["--max-instances", "9223372036854775807"]])
    func hugeCountsAreAnErrorNotACrash(_ options: [String]) throws {
        let directory = try TemporaryDirectory()
        try directory.write("huge.yaml", """
            scenario: Huge
            barriers:
              gate: 2
            workers:
              a:
                count: 9223372036854775807
                steps:
                  - wait: gate
              b:
                count: 9223372036854775807
                steps:
                  - wait: gate
            """)
        let output = try runScenario(["check"] + options + ["huge.yaml"], in: directory.url)
        #expect(output.reason == .exit, "crashed: \(output.summary)")
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("over the limit"), "\(output.summary)")
    }

    /// Files saved on Windows: a byte-order mark and CRLF line endings must not move the position,
    /// and the source line is still quoted under the heading.
    @Test(arguments: ["bom-lf.yaml", "crlf.yaml", "bom-crlf.yaml"])
    func byteOrderMarkAndLineEndings(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let bom = name.hasPrefix("bom") ? "\u{FEFF}" : ""
        let newline = name.hasSuffix("crlf.yaml") ? "\r\n" : "\n"
        let text = bom + ["scenario: t", "workers:", "  w:", "    - aquire: l", ""].joined(separator: newline)
        try directory.write(name, text)
        let output = try runScenario(["check", name], in: directory.url)
        #expect(output.exited(with: 2), "\(output.summary)")
        let printed = try #require(PrintedDiagnostic.parse(output.stderr).first, "\(output.summary)")
        #expect(printed.line == 4)
        #expect(printed.column == 7)
        #expect(printed.sourceLine == "    - aquire: l", "\(output.summary)")
        #expect(printed.caretLine == "      ^")
    }
}

@Suite("scenario: help, usage and run (executable)")
struct UsageTests {
    @Test(arguments: [["--help"], ["check", "--help"], ["run", "--help"], ["help", "run"], ["-h"]])
    func helpExitsZeroAndShowsAnExample(_ arguments: [String]) throws {
        let output = try runScenario(arguments)
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.contains("EXAMPLES:"), "\(output.summary)")
        #expect(output.stdout.contains("scenario "), "\(output.summary)")
        #expect(output.stdout.contains("USAGE:"), "\(output.summary)")
    }

    @Test func checkHelpShowsExamplesAndOptions() throws {
        let output = try runScenario(["check", "--help"])
        #expect(output.stdout.contains("scenario check scenarios/"))
        #expect(output.stdout.contains("--max-instances"))
    }

    @Test func unknownOptionIsAUsageErrorWithExitTwo() throws {
        let output = try runScenario(["check", "--bogus", "Fixtures/valid.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("Unknown option '--bogus'"), "\(output.summary)")
        #expect(output.stderr.contains("Usage: scenario check"), "\(output.summary)")
    }

    @Test func checkWithoutFilesIsAUsageError() throws {
        let output = try runScenario(["check"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("Missing expected argument"), "\(output.summary)")
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let output = try runScenario(["frobnicate"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(!output.stderr.isEmpty)
    }

    @Test func versionExitsZero() throws {
        let output = try runScenario(["--version"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.wholeMatch(of: /\d+\.\d+\.\d+\S*\n/) != nil, "\(output.summary)")
    }

    @Test func runOnAnInvalidFileExitsTwoWithDiagnostics() throws {
        let output = try runScenario(["run", "Fixtures/bad-scenario.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("Fixtures/bad-scenario.yaml:15:7: error: unknown step 'aquire'"))
    }

    @Test func runOnAMissingFileExitsTwo() throws {
        let output = try runScenario(["run", "Fixtures/no-such-file.yaml"])
        #expect(output.exited(with: 2), "\(output.summary)")
        #expect(output.stderr.contains("no such file"))
    }
}
