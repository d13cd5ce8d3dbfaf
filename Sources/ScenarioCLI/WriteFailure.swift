import Foundation
import Synchronization

/// The first write to standard output or standard error that failed: what the command reports
/// once it ends (see `CommandLineEntry`).
public struct WriteFailure: Error, Sendable, Equatable {
    public enum Stream: Sendable, Equatable {
        case standardOutput, standardError
    }

    public let stream: Stream
    /// The `errno` of the failed write.
    public let code: Int32

    public init(stream: Stream, code: Int32) {
        self.stream = stream
        self.code = code
    }

    /// The reader of a pipe went away (EPIPE, seen only when SIGPIPE is ignored: otherwise the
    /// signal ends the process first). Reported without a message, as SIGPIPE would end it.
    public var isBrokenPipe: Bool { code == EPIPE }

    /// "cannot write to standard output: No space left on device".
    public var description: String {
        let name = stream == .standardOutput ? "standard output" : "standard error"
        return "cannot write to \(name): \(systemErrorText(code))"
    }
}

/// One of the process's standard streams. A failed write is remembered rather than fatal, and
/// the writes after it are dropped, so that a run whose output is lost can still finish and the
/// command then ends with the reason and a non-zero exit code.
final class StandardStream: Sendable {
    private let descriptor: Int32
    private let stream: WriteFailure.Stream
    /// Held during each write, so that texts written by different threads do not interleave.
    private let firstError = Mutex<Int32?>(nil)

    init(descriptor: Int32, stream: WriteFailure.Stream) {
        self.descriptor = descriptor
        self.stream = stream
    }

    func write(_ text: String) {
        firstError.withLock { firstError in
            guard firstError == nil, !text.isEmpty else { return }
            firstError = DescriptorWriter.writeAll(text, to: descriptor)
        }
    }

    /// The first failed write, if any.
    var failure: WriteFailure? {
        firstError.withLock { $0 }.map { WriteFailure(stream: stream, code: $0) }
    }
}
