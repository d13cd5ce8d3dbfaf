import ArgumentParser

/// Runs the tool on a list of arguments and returns its exit code, printing through
/// `Console.current`. The `scenario` executable calls this; so do the tests.
public enum CommandLineEntry {
    public static func run(_ arguments: [String]) async -> Int32 {
        let console = Console.current
        let status = await runCommand(arguments, console: console)
        return exitStatus(status, afterWritingTo: console)
    }

    private static func runCommand(_ arguments: [String], console: Console) async -> Int32 {
        if let status = HelpRequest.answer(arguments, console: console) { return status }
        do {
            var command = try ScenarioCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.ok.rawValue
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch is WriteFailure {
            // A command stopped writing because a stream failed; `exitStatus` reports it.
            return ExitStatus.invalid.rawValue
        } catch {
            let message = ScenarioCommand.fullMessage(for: error)
            if ScenarioCommand.exitCode(for: error) == .success {
                console.out(message + "\n")
                return ExitStatus.ok.rawValue
            }
            // Usage errors exit with 2, as invalid scenarios do, rather than ArgumentParser's 64.
            console.err(message + "\n")
            return ExitStatus.invalid.rawValue
        }
    }

    /// `status`, unless writing standard output or error failed: then 2 with a message on
    /// standard error (when it works), or 141 without one when the reader of a pipe went away
    /// (with SIGPIPE ignored; otherwise the signal has already ended the process, quietly).
    private static func exitStatus(_ status: Int32, afterWritingTo console: Console) -> Int32 {
        guard let failure = console.writeFailure() else { return status }
        if failure.isBrokenPipe { return ExitStatus.brokenPipe.rawValue }
        if failure.stream == .standardOutput {
            console.err("scenario: error: \(failure.description)\n")
        }
        return ExitStatus.invalid.rawValue
    }
}
