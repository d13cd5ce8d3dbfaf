import Foundation
import ScenarioCLI
import Testing

/// The same commands run in-process through `CommandLineEntry.run`, printing to a recording console.
@Suite("CommandLineEntry (in-process)")
struct InProcessTests {
    static let valid = TestFiles.fixture("valid.yaml").path
    static let bad = TestFiles.fixture("bad-scenario.yaml").path
    static let warningsOnly = TestFiles.fixture("warnings-only.yaml").path

    @Test func checkValidFile() async {
        let recorder = RecordingConsole()
        let status = await recorder.run(["check", Self.valid])
        #expect(status == 0)
        #expect(recorder.out == "\(Self.valid): ok\n")
        #expect(recorder.err.isEmpty)
    }

    @Test func checkInvalidFilePrintsDiagnosticsToTheErrorStream() async throws {
        let recorder = RecordingConsole()
        let status = await recorder.run(["check", Self.bad])
        #expect(status == 2)
        #expect(recorder.out == "\(Self.bad): 10 errors, 2 warnings\n")
        let printed = PrintedDiagnostic.parse(recorder.err)
        #expect(printed.filter { $0.severity == "error" }.count == 10)
        #expect(printed.filter { $0.severity == "warning" }.count == 2)
        #expect(printed.filter { $0.severity == "note" }.count == 3)
        #expect(printed.allSatisfy { $0.file == Self.bad })
        let first = try #require(printed.first)
        #expect((first.line, first.column) == (3, 1))
        #expect(first.message.hasPrefix("unknown top-level key 'variabels'"))
    }

    @Test func diagnosticsArePrintedInFileOrderWithNotesAfterTheirDiagnostic() async {
        let recorder = RecordingConsole()
        _ = await recorder.run(["check", Self.bad])
        let printed = PrintedDiagnostic.parse(recorder.err)
        let headings = printed.filter { $0.severity != "note" }.map { [$0.line, $0.column] }
        #expect(headings == headings.sorted { $0.lexicographicallyPrecedes($1) })
        // The note of the clash of 'total' (10:3) points back at its first declaration (6:3).
        let clash = printed.firstIndex { $0.line == 10 && $0.column == 3 }
        #expect(clash.map { printed[$0 + 1].severity == "note" && printed[$0 + 1].line == 6 } == true)
    }

    @Test func warningsOnlyExitZero() async {
        let recorder = RecordingConsole()
        let status = await recorder.run(["check", Self.warningsOnly])
        #expect(status == 0)
        #expect(recorder.err.contains("warning: worker 'forgetful' acquires lock 'door' but never releases it"))
        #expect(recorder.out.hasSuffix(": ok, 1 warning\n"))
    }

    @Test func missingFile() async {
        let recorder = RecordingConsole()
        let status = await recorder.run(["check", "/nonexistent/scenario.yaml"])
        #expect(status == 2)
        #expect(recorder.err == "/nonexistent/scenario.yaml: error: no such file\n")
        #expect(recorder.out.isEmpty)
    }

    @Test(arguments: [["--help"], ["check", "--help"], ["run", "--help"]])
    func helpGoesToStandardOutput(_ arguments: [String]) async {
        let recorder = RecordingConsole()
        let status = await recorder.run(arguments)
        #expect(status == 0)
        #expect(recorder.out.contains("EXAMPLES:"))
        #expect(recorder.err.isEmpty)
    }

    @Test func usageErrorGoesToTheErrorStreamWithExitTwo() async {
        let recorder = RecordingConsole()
        let status = await recorder.run(["check", "--bogus", Self.valid])
        #expect(status == 2)
        #expect(recorder.err.contains("Unknown option '--bogus'"))
        #expect(recorder.out.isEmpty)
    }

    @Test func colourFollowsTheConsoleAndTheOption() async {
        let never = RecordingConsole(errIsTerminal: true)
        _ = await never.run(["check", "--color", "never", Self.bad])
        #expect(!never.err.contains("\u{1B}["))

        let always = RecordingConsole(errIsTerminal: false)
        _ = await always.run(["check", "--color", "always", Self.bad])
        #expect(always.err.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(always.err.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
        #expect(always.err.contains("\u{1B}[1;36mnote:\u{1B}[0m"))

        let notTerminal = RecordingConsole(errIsTerminal: false)
        _ = await notTerminal.run(["check", Self.bad])
        #expect(!notTerminal.err.contains("\u{1B}["))
    }

    @Test func runRefusesAnInvalidFile() async {
        let recorder = RecordingConsole()
        let status = await recorder.run(["run", Self.bad])
        #expect(status == 2)
        #expect(recorder.err.contains("error: unknown step 'aquire'"))
    }

    @Test func consolesOfConcurrentRunsDoNotMix() async {
        let first = RecordingConsole()
        let second = RecordingConsole()
        async let a = first.run(["check", Self.valid])
        async let b = second.run(["check", Self.bad])
        let (statusA, statusB) = await (a, b)
        #expect(statusA == 0)
        #expect(statusB == 2)
        #expect(first.err.isEmpty)
        #expect(!first.out.contains("bad-scenario"))
        #expect(second.out.contains("bad-scenario"))
    }
}
