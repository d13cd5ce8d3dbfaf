import Foundation

/// Guards descriptors 0, 1 and 2 when the tool is started with one of them closed (`>&-`).
public enum StandardDescriptors {
    /// Opens /dev/null on each closed standard descriptor, the wrong way round (write-only for
    /// input, read-only for the outputs), as gnulib's `stdopen` does.
    ///
    /// Without this, the next file the process opens (the scenario, a timeline, the runtime's
    /// event descriptors) would take the number 1 or 2 and receive the output meant for the
    /// closed stream. Opened the wrong way round, a write fails with EBADF, which the command
    /// reports like any other failed write. Call it first thing, before anything opens a file.
    public static func reserveClosed() {
        let reservations: [(descriptor: Int32, flags: Int32)] = [
            (STDIN_FILENO, O_WRONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_RDONLY),
        ]
        for (descriptor, flags) in reservations where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", flags)
            // Descriptors are handed out lowest first, so this is `descriptor` itself unless a
            // lower one was closed too and /dev/null could not be opened for it.
            if opened >= 0, opened != descriptor {
                _ = dup2(opened, descriptor)
                _ = close(opened)
            }
        }
    }
}
