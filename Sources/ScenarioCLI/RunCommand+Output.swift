import Foundation
import ScenarioAsync
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime
import ScenarioSimulate
import ScenarioSyntax
import ScenarioThreads

/// Where `scenario run` writes besides the text on standard output: the `--timeline` file and
/// the `--format json` report.
extension RunCommand {
    /// `--timeline -`, `--trace -`, `--html -` or `--svg -`: standard output carries that file and
    /// nothing else; the live text timeline is left out and the summary goes to standard error.
    var standardOutputIsAFile: Bool { [timeline, trace, html, svg].contains("-") }

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

    /// The first line of the `--timeline` file: which run its events come from.
    func timelineHeader(_ compiled: CompiledScenario, runtime: RuntimeKind) -> TimelineHeader {
        let simulated = simulationFields(runtime)
        return TimelineHeader(
            scenario: compiled.title, file: file, runtime: runtime.engineName,
            executor: runtime == .async ? (executor ?? .loop).rawValue : nil,
            instances: compiled.instances.map(\.name),
            objects: compiled.objects.map { ObjectInfo(name: $0.name, kind: $0.kind.word) },
            seed: simulated.seed, strategy: simulated.strategy, depth: simulated.depth)
    }

    /// The `--format json` report, written to standard output as the run goes on. The first
    /// failed write stops it; the console has recorded the failure, which `CommandLineEntry`
    /// reports as the command ends.
    func jsonReportStream(_ compiled: CompiledScenario, runtime: RuntimeKind, console: Console) -> JSONReportStream {
        let simulated = simulationFields(runtime)
        return JSONReportStream(
            scenario: compiled.title, runtime: runtime.engineName,
            executor: runtime == .async ? (executor ?? .loop).rawValue : nil,
            seed: simulated.seed, strategy: simulated.strategy, depth: simulated.depth,
            instances: compiled.instances.map(\.name), objects: compiled.objects.map(\.name)
        ) { chunk in
            console.out(String(decoding: chunk, as: UTF8.self))
            if let failure = console.writeFailure(), failure.stream == .standardOutput { throw failure }
        }
    }
}

extension RuntimeKind {
    /// The engine's name in reports.
    var engineName: String {
        switch self {
        case .threads: ThreadsEngine.name
        case .async: AsyncEngine.name
        case .simulate: SimulateEngine.name
        }
    }
}

/// `--timeline FILE` written as the run goes on: the runtime's streaming thread hands it each
/// batch of events, so the events need not be kept in memory until the end. When the file falls
/// behind (a slow disk, a slow reader of a FIFO), the runtime's window of the timeline fills and
/// the instances wait for it: nothing is lost.
///
/// `@unchecked Sendable`: every use of `output` and `failure` holds `lock` (the streaming thread
/// during the run, the command after it).
final class TimelineStream: @unchecked Sendable {
    private let lock = NSLock()
    private let output: OutputFile
    private var lines: TimelineJSONLinesStream
    private var failure: OutputFileError?

    /// Writes `header` as the first line, before any event.
    init(output: OutputFile, header: TimelineHeader) {
        self.output = output
        lines = TimelineJSONLinesStream(instances: header.instances, objects: header.objects.map(\.name))
        do throws(OutputFileError) {
            try output.write(header.line)
        } catch {
            failure = error
        }
    }

    /// Writes a batch of events as JSON lines, straight from the timeline's storage; after the
    /// first failure, only counts on `close` to say so.
    func write(_ batch: EventBatch) {
        lock.withLock {
            guard failure == nil else { return }
            do {
                try lines.write(batch) { try output.write($0) }
                // Each batch is what the run recorded since the last pass (every 25 ms at most):
                // out now, for whoever follows the file live.
                try output.flushLines()
            } catch let error as OutputFileError {
                failure = error
            } catch {
                preconditionFailure("the timeline writer throws only what its sink throws, not \(error)")
            }
        }
    }

    /// Writes the report trailer (the run's outcome, `TimelineTrailer`), what is buffered, and
    /// closes the file. Returns the message to print after the report when writing failed; nil
    /// when it worked, or when standard output (`-`) failed, which the command reports as it ends.
    func close(report: RunReport) -> String? {
        lock.withLock {
            // After a failure, only the close is tried: the file says nothing more.
            let trailer = failure == nil ? TimelineTrailer.line(for: report) : nil
            failure = failure ?? output.finish(writing: trailer)
            return failure?.message ?? nil
        }
    }
}
