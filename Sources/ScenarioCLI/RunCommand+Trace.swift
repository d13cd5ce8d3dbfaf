import Foundation
import ScenarioRendering
import ScenarioRuntime

/// `scenario run --trace/--html/--svg FILE`: the run's pictures, drawn from its `RunPicture`.
extension RunCommand {
    /// Opens the pictures asked for before the run (see `PictureFiles`).
    func openPictures(console: Console) throws -> PictureFiles {
        try PictureFiles.open([.trace: trace, .html: html, .svg: svg].compactMapValues { $0 }, console: console, refusing: [file])
    }

    /// Makes the run's one picture from the events kept, draws every file from it and closes
    /// them; the message to print when one failed (see `PictureFiles.write`).
    func writePictures(_ report: RunReport, events: PictureEventCollector, to files: PictureFiles) -> String? {
        let (kept, total) = events.collected
        return files.write(RunPicture(report: report, events: kept, totalEvents: total, file: file))
    }
}

/// Writing a finished picture to its file.
enum TraceOutput {
    /// Writes the bytes and closes the file; the message to print when that failed.
    static func write(_ bytes: [UInt8], to output: OutputFile) -> String? {
        output.finish(writing: bytes)?.message ?? nil
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
