import ArgumentParser

/// The tool's exit codes, the same for every command.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case expectationFailed = 1
    case invalid = 2
    case deadlock = 3
    case timeout = 4
    case runtimeError = 5
    case interrupted = 130

    var exitCode: ExitCode { ExitCode(rawValue) }

    static let helpText = """
        EXIT CODES:
          0    ok (every expectation held)
          1    an expectation failed
          2    invalid scenario or usage
          3    deadlock
          4    timeout
          5    runtime error
          130  interrupted (Ctrl-C)
        """
}
