import Foundation

/// A file that a command writes, such as `--timeline FILE`. Every output file follows the rules
/// of a shell redirection `> FILE`, so that each one behaves as users expect:
///
/// - `-` is standard output, written through the console (which reports its own failures);
/// - any other path is opened with open(2) for writing: created with mode 0666 less the umask
///   when missing, else truncated with its mode kept; symlinks are followed, FIFOs and character
///   devices are written into (opening a FIFO waits for a reader, as a shell does);
/// - a path that is one of the command's input files is refused before anything is truncated,
///   whatever path names it (device and inode are compared, so symlinks and hard links too);
/// - writes are buffered, and every failure (to open, write or close) is an `OutputFileError`,
///   after which the file drops further writes.
///
/// Used from one thread at a time.
final class OutputFile {
    /// The path as given: `-` for standard output.
    let path: String
    /// What the file holds, for messages: "the timeline file".
    let purpose: String
    private let destination: Destination
    private var buffer: [UInt8] = []
    private var failure: OutputFileError?
    private var isClosed = false

    /// Buffered bytes are written once there are this many.
    static let bufferSize = 1 << 16

    private enum Destination {
        case standardOutput(Console)
        case descriptor(Int32)
    }

    /// Opens `path` for writing, or refuses it (see the type's rules).
    /// - Parameters:
    ///   - purpose: what the file holds, for messages: "the timeline file".
    ///   - inputs: the paths of the files the command reads, which it must not overwrite.
    static func open(
        _ path: String, purpose: String, console: Console, refusing inputs: [String] = []
    ) throws(OutputFileError) -> OutputFile {
        if path == "-" {
            return OutputFile(path: path, purpose: purpose, destination: .standardOutput(console))
        }
        func failed(_ reason: OutputFileError.Reason) -> OutputFileError {
            OutputFileError(path: path, purpose: purpose, reason: reason)
        }
        // No O_TRUNC yet: the file is truncated once it is known not to be an input.
        let descriptor = openForWriting(path)
        guard descriptor >= 0 else { throw failed(.cannotOpen(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            closeDescriptor(descriptor)
            throw failed(.cannotOpen(code))
        }
        for input in inputs {
            var inputStatus = stat()
            if stat(input, &inputStatus) == 0, inputStatus.st_dev == status.st_dev, inputStatus.st_ino == status.st_ino {
                closeDescriptor(descriptor)
                throw failed(.isInput(input))
            }
        }
        // As O_TRUNC would: only a regular file has a length to cut.
        if status.st_mode & S_IFMT == S_IFREG, ftruncate(descriptor, 0) != 0 {
            let code = errno
            closeDescriptor(descriptor)
            throw failed(.cannotOpen(code))
        }
        return OutputFile(path: path, purpose: purpose, destination: .descriptor(descriptor))
    }

    private init(path: String, purpose: String, destination: Destination) {
        self.path = path
        self.purpose = purpose
        self.destination = destination
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Whether this is standard output (`-`).
    var isStandardOutput: Bool {
        if case .standardOutput = destination { return true }
        return false
    }

    /// Buffers `bytes`, writing the buffer out once it is full.
    func write(_ bytes: some Sequence<UInt8>) throws(OutputFileError) {
        if let failure { throw failure }
        guard !isClosed else { preconditionFailure("\(path) was written after it was closed") }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush(whole: false) }
    }

    func write(_ text: String) throws(OutputFileError) {
        try write(text.utf8)
    }

    /// Writes the whole lines buffered so far, so that a reader following the file (`tail -f`,
    /// a FIFO, a pipe from `--timeline -`) sees a run's events while it goes on.
    func flushLines() throws(OutputFileError) {
        try flush(whole: false)
    }

    /// Writes `bytes` (when given) and closes the file: the first failure of either, or nil.
    func finish(writing bytes: [UInt8]?) -> OutputFileError? {
        var failure: OutputFileError?
        if let bytes {
            do throws(OutputFileError) {
                try write(bytes)
            } catch {
                failure = error
            }
        }
        do throws(OutputFileError) {
            try close()
        } catch {
            failure = failure ?? error
        }
        return failure
    }

    /// Writes what is buffered and closes the file (standard output stays open). Reports the
    /// first failure of the file, including one that only closing reveals (a full disk over NFS).
    func close() throws(OutputFileError) {
        guard !isClosed else { return }
        do throws(OutputFileError) {
            try flush(whole: true)
        } catch {
            // Already recorded in `failure`.
        }
        isClosed = true
        if case .descriptor(let descriptor) = destination, closeDescriptor(descriptor) != 0, failure == nil {
            failure = OutputFileError(path: path, purpose: purpose, reason: .cannotWrite(errno))
        }
        if let failure { throw failure }
    }

    /// Writes the buffer: all of it, or for standard output with `whole` false, up to its last
    /// newline, so that each text handed to the console is whole lines of valid UTF-8.
    private func flush(whole: Bool) throws(OutputFileError) {
        if let failure { throw failure }
        switch destination {
        case .descriptor(let descriptor):
            guard !buffer.isEmpty else { return }
            let code = DescriptorWriter.writeAll(buffer, to: descriptor)
            buffer.removeAll(keepingCapacity: true)
            if let code { try fail(.cannotWrite(code)) }
        case .standardOutput(let console):
            let end = whole ? buffer.count : buffer.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            guard end > 0 else { return }
            console.out(String(decoding: buffer[..<end], as: UTF8.self))
            buffer.removeFirst(end)
            if let written = console.writeFailure(), written.stream == .standardOutput {
                try fail(.standardOutput(written))
            }
        }
    }

    private func fail(_ reason: OutputFileError.Reason) throws(OutputFileError) {
        let error = OutputFileError(path: path, purpose: purpose, reason: reason)
        failure = error
        buffer = []
        throw error
    }

    deinit {
        // Only when `close()` was never called (an error thrown past the owner): nothing left to report to.
        if !isClosed, case .descriptor(let descriptor) = destination {
            closeDescriptor(descriptor)
        }
    }
}

/// Why an output file could not be opened or written.
struct OutputFileError: Error, Equatable {
    enum Reason: Equatable {
        /// The path names this input file (maybe through a link).
        case isInput(String)
        /// open(2), fstat(2) or ftruncate(2) failed with this `errno`.
        case cannotOpen(Int32)
        /// write(2) or close(2) failed with this `errno`.
        case cannotWrite(Int32)
        /// Writing standard output (`-`) failed: the command reports it when it ends.
        case standardOutput(WriteFailure)
    }

    let path: String
    let purpose: String
    let reason: Reason

    /// The line to print, `PATH: error: …`; nil for standard output, whose failure
    /// `CommandLineEntry` reports as the command ends.
    var message: String? {
        switch reason {
        case .isInput(let input):
            // The scenario, a `--replay` timeline or a file `diff`/`show` reads.
            return "\(path): error: cannot write \(purpose) over \(input), a file this command reads; give another path"
        case .cannotOpen(let code):
            return "\(path): error: cannot open \(purpose): \(systemErrorText(code))"
        case .cannotWrite(let code):
            return "\(path): error: cannot write \(purpose): \(systemErrorText(code))"
        case .standardOutput:
            return nil
        }
    }
}

/// open(2) as `> path` does it, less O_TRUNC; retried when a signal interrupts a wait for a
/// FIFO's reader.
private func openForWriting(_ path: String) -> Int32 {
    while true {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o666)
        if descriptor >= 0 || errno != EINTR { return descriptor }
    }
}

/// close(2), not retried on EINTR: on Linux the descriptor is released even then.
@discardableResult
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
