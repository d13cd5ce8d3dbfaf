import ArgumentParser

/// Runs the tool on a list of arguments and returns its exit code, printing through
/// `Console.current`. The `scenario` executable calls this; so do the tests.
public enum CommandLineEntry {
    public static func run(_ arguments: [String]) async -> Int32 {
        let console = Console.current
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
}
