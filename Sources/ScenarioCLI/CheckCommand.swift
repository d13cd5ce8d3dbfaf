import ArgumentParser
import ScenarioValidation

/// `scenario check FILE...`: validates scenario files without running them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenario files and report every problem at once.",
        discussion: """
            Each problem is printed on standard error in the compiler format \
            FILE:LINE:COL: error: message, followed by the source line and a caret under the column. \
            Warnings (legal but suspicious, such as a lock that is acquired and never released) do not \
            fail the check: you can still run the scenario and watch what happens.

            EXAMPLES:
              scenario check scenarios/02-lock-counter.yaml
              scenario check scenarios/*.yaml

            Exits with 0 when every file is valid (warnings allowed) and 2 when any file has an error.
            """)

    @Argument(help: ArgumentHelp("The scenario files to check.", valueName: "file"))
    var files: [String]

    @OptionGroup var limits: InstanceLimitOptions

    @Option(help: ArgumentHelp("Colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never."))
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print nothing for files without errors, and no warnings.")
    var quiet = false

    func run() async throws {
        let console = Console.current
        var failed = false
        for path in files {
            guard let file = ScenarioFile(
                path: path, options: .init(maxInstances: limits.maxInstances), console: console, color: color,
                showWarnings: !quiet)
            else {
                failed = true
                continue
            }
            if file.result.scenario == nil { failed = true }
            if !quiet || file.result.scenario == nil {
                console.out("\(path): \(file.summary)\n")
            }
        }
        if failed { throw ExitStatus.invalid.exitCode }
    }
}

extension ColorChoice: ExpressibleByArgument {}
