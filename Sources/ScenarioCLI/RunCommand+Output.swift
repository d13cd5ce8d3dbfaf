import ScenarioRendering
import ScenarioRuntime

/// Where `scenario run` writes besides the text on standard output: the `--timeline` file and
/// the `--format json` report.
extension RunCommand {
    /// `--timeline -`: standard output carries the JSON lines and nothing else; the live text
    /// timeline is left out and the summary goes to standard error.
    var timelineIsStandardOutput: Bool { timeline == "-" }

    /// Opens `--timeline` before the run, as a shell redirection would (see `OutputFile`), so
    /// that a path that cannot be written is refused before the run rather than lost after it.
    /// A FIFO waits here for its reader.
    func openTimeline(console: Console) throws -> OutputFile? {
        guard let timeline else { return nil }
        do {
            return try OutputFile.open(timeline, purpose: "the timeline file", console: console, refusing: [file])
        } catch {
            if let message = error.message { console.err(message + "\n") }
            throw ExitStatus.invalid.exitCode
        }
    }

    /// Writes every event as JSON lines and closes the file. Returns the message to print after
    /// the report when that failed; nil when it worked, or when standard output (`-`) failed,
    /// which the command reports as it ends.
    func writeTimeline(_ report: RunReport, to output: OutputFile) -> String? {
        var failure: (any Error)?
        do {
            try TimelineJSONLinesWriter(report: report).write(report.events) { try output.write($0) }
        } catch {
            failure = error
        }
        do {
            try output.close()
        } catch {
            failure = failure ?? error
        }
        guard let failure else { return nil }
        guard let outputFailure = failure as? OutputFileError else {
            preconditionFailure("the timeline writer throws only what its sink throws, not \(failure)")
        }
        return outputFailure.message
    }

    /// Streams the `--format json` report to standard output. The first failed write stops it;
    /// the console has recorded the failure, which `CommandLineEntry` reports as the command ends.
    func writeJSONReport(_ report: RunReport, console: Console) {
        do {
            try JSONReportRenderer().write(report) { chunk in
                console.out(String(decoding: chunk, as: UTF8.self))
                if let failure = console.writeFailure(), failure.stream == .standardOutput { throw failure }
            }
        } catch {
            // Only the console's own failure is thrown, and it stays recorded in the console.
        }
    }
}
