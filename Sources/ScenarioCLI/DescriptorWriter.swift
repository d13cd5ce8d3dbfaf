import Foundation

/// Writes bytes to a file descriptor with `write(2)`, as every output of the tool does.
///
/// Not `FileHandle.write(_:)`: it traps on any error (a full disk, a closed pipe), and an output
/// error must end the command with a message, never a crash.
enum DescriptorWriter {
    /// Writes every byte, retrying after a signal (EINTR) and a partial write, and waiting for a
    /// non-blocking descriptor to drain (EAGAIN). Returns nil when every byte was written, else the
    /// `errno` of the write that failed.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written > 0 {
                next += written
                remaining -= written
                continue
            }
            // write(2) returns 0 only for a request of 0 bytes; anything else would loop forever.
            if written == 0 { return EIO }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                if let failure = waitUntilWritable(descriptor) { return failure }
            default:
                return code
            }
        }
        return nil
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Blocks until a non-blocking descriptor (one a parent process shared with O_NONBLOCK set)
    /// can take more bytes; nil when it can, else the `errno` of the failed poll.
    private static func waitUntilWritable(_ descriptor: Int32) -> Int32? {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while poll(&request, 1, -1) < 0 {
            guard errno == EINTR else { return errno }
        }
        return nil
    }
}

/// The system's text for an `errno` value: "No space left on device".
func systemErrorText(_ code: Int32) -> String {
    // glibc's strerror returns a static string for every known code, so it is safe across threads.
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
