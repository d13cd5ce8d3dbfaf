import ArgumentParser

/// `scenario` alone and `scenario help [COMMAND]`, answered here rather than by ArgumentParser,
/// which exits 0 for both and shows the overview for a command that does not exist.
enum HelpRequest {
    /// The exit code when `arguments` ask for help or give no command at all; nil otherwise.
    ///
    /// - no arguments: the overview on standard error, exit 2 (a command is missing);
    /// - `help`: the overview on standard output, exit 0;
    /// - `help COMMAND`: that command's help on standard output, exit 0;
    /// - `help` with anything else: an error on standard error, exit 2.
    static func answer(_ arguments: [String], console: Console) -> Int32? {
        if arguments.isEmpty {
            console.err(ScenarioCommand.helpMessage() + "\n")
            return ExitStatus.invalid.rawValue
        }
        guard arguments.first == "help" else { return nil }
        // `scenario help run --help` is still a request for help on run.
        let topic = arguments.dropFirst().filter { !["-h", "--help", "-help"].contains($0) }
        let commands = ScenarioCommand.configuration.subcommands
        if topic.isEmpty {
            console.out(ScenarioCommand.helpMessage() + "\n")
            return ExitStatus.ok.rawValue
        }
        if topic.count == 1, let command = commands.first(where: { $0.configuration.commandName == topic.first }) {
            console.out(ScenarioCommand.helpMessage(for: command) + "\n")
            return ExitStatus.ok.rawValue
        }
        // Hidden commands (the pool's `process-worker`) are not for people.
        let names = commands.filter { $0.configuration.shouldDisplay }.map { $0.configuration.commandName ?? "" }
        // "check, run and diff".
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "") : names.joined()
        console.err(
            """
            Error: no command '\(topic.joined(separator: " "))'; the commands are \(list).
            Usage: scenario help [<command>]
              See 'scenario help' for more information.

            """)
        return ExitStatus.invalid.rawValue
    }
}
