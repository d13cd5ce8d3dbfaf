import Foundation
import ScenarioRendering
import ScenarioRuntime

/// `scenario run --trace FILE`: the run drawn as a Chrome trace (`ChromeTrace`, from its `RunPicture`).
extension RunCommand {
    /// Opens `--trace` before the run, as `--timeline` is, so that a path that cannot be written
    /// is refused before the run rather than lost after it.
    func openTrace(console: Console) throws -> OutputFile? {
        guard let trace else { return nil }
        do {
            return try OutputFile.open(trace, purpose: "the trace file", console: console, refusing: [file])
        } catch {
            if let message = error.message { console.err(message + "\n") }
            throw ExitStatus.invalid.exitCode
        }
    }

    /// Writes the trace and closes the file; the message to print when that failed (nil when it
    /// worked, or when standard output failed, which the command reports as it ends).
    func writeTrace(_ report: RunReport, events: PictureEventCollector, to output: OutputFile) -> String? {
        let (kept, total) = events.collected
        let picture = RunPicture(report: report, events: kept, totalEvents: total, file: file)
        return TraceOutput.write(ChromeTrace.json(picture), to: output)
    }
}

/// Writing a finished trace to its file.
enum TraceOutput {
    /// Writes the bytes and closes the file; the message to print when that failed.
    static func write(_ bytes: [UInt8], to output: OutputFile) -> String? {
        var failure: OutputFileError?
        do throws(OutputFileError) {
            try output.write(bytes)
        } catch {
            failure = error
        }
        do throws(OutputFileError) {
            try output.close()
        } catch {
            failure = failure ?? error
        }
        return failure?.message ?? nil
    }
}

/// Keeps the first events of a streamed run for its picture (a picture draws at most
/// `RunPicture.defaultEventLimit` of them) and counts the rest, so that memory stays bounded
/// however long the run.
///
/// `@unchecked Sendable`: `events` and `total` are touched only with `lock` held (the runtime's
/// streaming thread during the run, the command after it).
final class PictureEventCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var events: [Event] = []
    private var total = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Keeps what fits of a batch, as `Event` values (the batch is valid only during the call).
    func add(_ batch: EventBatch) {
        lock.withLock {
            total += batch.count
            guard events.count < limit else { return }
            for seq in batch.startIndex..<min(batch.endIndex, batch.startIndex + limit - events.count) {
                events.append(batch[seq])
            }
        }
    }

    /// The events kept, and how many the run had in all.
    var collected: (events: [Event], total: Int) {
        lock.withLock { (events, total) }
    }
}
