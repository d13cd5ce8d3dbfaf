import ArgumentParser
import ScenarioSyntax
import ScenarioValidation

/// `scenario run FILE`: validates a scenario, then runs it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and report its timeline, final state, expectations and any deadlock.",
        discussion: """
            The file is checked first, exactly as `scenario check` does; a file with errors is not run.

            EXAMPLES:
              scenario run scenarios/02-counter-with-lock.yaml
              scenario run scenarios/08-lock-order-deadlock.yaml --format json
              scenario run scenarios/01-sleeping-worker.yaml --speed 10 --timeline run.jsonl

            \(ExitStatus.helpText)
            """)

    @Argument(help: ArgumentHelp("The scenario file to run.", valueName: "file"))
    var file: String

    @Option(help: "The runtime: threads (one OS thread per worker instance) or async (Swift tasks). Overrides the file's 'runtime:'.")
    var runtime: RuntimeKind?

    @OptionGroup var limits: InstanceLimitOptions

    @Option(help: ArgumentHelp("Colour output: auto (on a terminal, unless NO_COLOR is set), always or never."))
    var color: ColorChoice = .auto

    func run() async throws {
        let console = Console.current
        guard let file = ScenarioFile(path: file, options: .init(maxInstances: limits.maxInstances), console: console, color: color),
            let scenario = file.result.scenario
        else {
            throw ExitStatus.invalid.exitCode
        }
        let chosen = runtime ?? scenario.runtime
        console.err("\(self.file): valid; running on the \(chosen.rawValue) runtime is not available yet\n")
        throw ExitStatus.runtimeError.exitCode
    }
}

extension RuntimeKind: ExpressibleByArgument {}
