#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a pipe, a buffer at a time. Used by one thread.
struct PipeLineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// A line longer than this is no message of ours: the reader gives up on the pipe.
    static let longestLine = 64 << 20

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The next line without its newline; nil at the end of the pipe, on an error, or past
    /// `longestLine` (a partial last line is dropped: the writer died in the middle of it).
    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                return line
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            guard buffer.count < Self.longestLine else { return nil }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}

/// Writes messages to a pipe, buffered until `flush`.
struct PipeWriter {
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func send(_ message: ProcessMessage) {
        pending += message.line
        if pending.count >= 1 << 16 { _ = flush() }
    }

    /// Writes what is pending; false when the pipe is closed (its reader is gone).
    @discardableResult
    mutating func flush() -> Bool {
        defer { pending.removeAll(keepingCapacity: true) }
        return Self.writeAll(pending, to: descriptor)
    }

    /// Writes all of `bytes`; false when the pipe is closed or broken.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard var cursor = raw.baseAddress else { return true }  // nothing to write
            var left = raw.count
            while left > 0 {
                let written = write(descriptor, cursor, left)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                cursor += written
                left -= written
            }
            return true
        }
    }
}
