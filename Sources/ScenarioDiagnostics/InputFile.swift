#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file that a command takes as input (a scenario, a timeline to replay, a run to diff)
/// the way `cat FILE` does: with open(2) and read(2) until the end, so that a FIFO, `/dev/stdin`,
/// a `<(command)` substitution or `/dev/null` reads like a regular file. (Foundation's
/// `Data(contentsOf:)` refuses them all, and says "permission" when it does.)
public enum InputFile {
    /// Why a file could not be read; callers word the message for what the file is.
    public enum Failure: Error, Equatable, Sendable {
        case noSuchFile
        case isDirectory
        /// The file has more than this many bytes.
        case tooLarge(limit: Int)
        /// open(2) or read(2) failed: the system's reason ("Permission denied").
        case system(String)

        /// The reason, for the end of a message: "Permission denied", "no such file".
        public var reason: String {
            switch self {
            case .noSuchFile: "no such file"
            case .isDirectory: "it is a directory"
            case .tooLarge(let limit): "it is over \(limit) bytes"
            case .system(let text): text
            }
        }
    }

    /// The whole file; at most `limit` bytes, else `.tooLarge`. `-` is standard input, as for `cat`.
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> [UInt8] {
        var descriptor: Int32
        // A duplicate of standard input, so that closing it below leaves descriptor 0 open.
        repeat { descriptor = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw errno == ENOENT ? .noSuchFile : failure(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(errno) }
        guard status.st_mode & S_IFMT != S_IFDIR else { throw .isDirectory }
        var bytes: [UInt8] = []
        // A regular file says its size; a pipe or a device is read in chunks until it ends.
        let expected = status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
        bytes.reserveCapacity(min(expected, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readChunk(descriptor, into: $0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            guard bytes.count + count <= limit else { throw .tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private static func failure(_ code: Int32) -> Failure {
        guard let text = strerror(code) else { return .system("error \(code)") }
        return .system(String(cString: text))
    }
}

/// read(2), which `InputFile.read` hides by its name.
private func readChunk(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
