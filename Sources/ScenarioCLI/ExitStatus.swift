import ArgumentParser

/// The tool's exit codes, the same for every command.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case expectationFailed = 1
    /// Also a failed write: to standard output or error, or to an output file such as `--timeline`.
    case invalid = 2
    case deadlock = 3
    case timeout = 4
    case runtimeError = 5
    case interrupted = 130
    /// Standard output or error was a pipe whose reader went away, with SIGPIPE ignored: the
    /// status a shell shows for a process that SIGPIPE ended (128 + 13), so that the result is
    /// the same whichever disposition the tool inherited.
    case brokenPipe = 141

    var exitCode: ExitCode { ExitCode(rawValue) }

    static let helpText = """
        EXIT CODES:
          0    ok (every expectation held)
          1    an expectation failed
          2    invalid scenario or usage, or output that could not be written
          3    deadlock
          4    timeout
          5    runtime error
          130  interrupted (Ctrl-C)
          141  the reader of the output pipe went away (when SIGPIPE is ignored)
        """
}
