import ArgumentParser

/// `scenario`: the root command.
public struct ScenarioCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run concurrency experiments described in YAML: threads, locks, semaphores, barriers and queues.",
        discussion: """
            A scenario file declares shared variables, locks, semaphores, barriers and queues, and the \
            steps each worker takes. `scenario check` validates a file and reports every problem at once; \
            `scenario run` runs it and shows what happened; `scenario diff` compares two recorded runs; `scenario show` draws a recorded run. \
            The language is described in grammar.md.

            EXAMPLES:
              scenario check scenarios/*.yaml
              scenario run scenarios/02-lock-counter.yaml
              scenario diff a.jsonl b.jsonl
              scenario show a.jsonl --trace a.trace.json
              scenario help run

            \(ExitStatus.helpText)
            """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, RunCommand.self, DiffCommand.self, ShowCommand.self, ProcessWorkerCommand.self]
    )

    public init() {}
}

/// The shared option that bounds how many instances a scenario may start.
struct InstanceLimitOptions: ParsableArguments {
    // `.unconditional`: `--max-instances -1` is refused as too small, not read as a missing value.
    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp(
            "The most worker instances a scenario may start (default 10,000 on the threads runtime, where each "
                + "is an OS thread, but a pool's tasks count as its size threads; 1,000,000 on the async runtime, "
                + "where each is a task).",
            valueName: "n"))
    var maxInstances: Int?

    func validate() throws {
        if let maxInstances, maxInstances < 1 { throw ValidationError("--max-instances must be at least 1") }
    }
}
