import ScenarioDiagnostics
import ScenarioRuntime
import Synchronization

/// The line on standard error that shows how far a series has got, while it runs:
///
///     340/1,000 runs, 812 runs/s: ok 300, expectation failed 40
///
/// rewritten in place (carriage return, then erase to the end of the line) and erased at the
/// end. Only for a terminal: on a pipe or in a file it would be noise.
final class SeriesProgressLine: Sendable {
    private let console: Console
    /// When the line was last written (monotonic ns), so that it is written at most ten times a
    /// second however fast runs end.
    private let lastShown = Mutex<Int64?>(nil)

    init(console: Console) {
        self.console = console
    }

    /// Shows `progress`: always the first time and when the series is done, else at most every 100 ms.
    func show(_ progress: RunSeries.Progress) {
        let now = monotonicNanoseconds()
        let due = lastShown.withLock { last in
            let due = (last.map { now - $0 >= 100_000_000 } ?? true) || progress.done == progress.requested
            if due { last = now }
            return due
        }
        if due { console.err("\r\u{1B}[K" + Self.text(progress)) }
    }

    /// Erases the line, so that what comes next starts on a clean line.
    func clear() {
        let shown = lastShown.withLock { $0 != nil }
        if shown { console.err("\r\u{1B}[K") }
    }

    static func text(_ progress: RunSeries.Progress) -> String {
        let rate = progress.elapsed > 0 ? Int((Double(progress.done) / progress.elapsed).rounded()) : 0
        let counts = RunStatus.seriesOrder.compactMap { status -> String? in
            guard let runs = progress.statuses[status], runs > 0 else { return nil }
            return "\(status.rawValue.replacingOccurrences(of: "_", with: " ")) \(GroupedNumber.text(runs))"
        }
        let outcomes = counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")
        return "\(GroupedNumber.text(progress.done))/\(GroupedNumber.text(progress.requested)) runs, "
            + "\(GroupedNumber.text(rate)) runs/s\(outcomes)"
    }
}
