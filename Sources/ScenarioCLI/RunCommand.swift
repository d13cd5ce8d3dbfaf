import ArgumentParser
import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioAsync
import ScenarioRuntime
import ScenarioSyntax
import ScenarioThreads
import ScenarioValidation

/// `scenario run FILE`: validates a scenario, then runs it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and report its timeline, final state, expectations and any deadlock.",
        discussion: """
            The file is checked first, exactly as `scenario check` does; a file with errors is not run. \
            On the threads runtime (the default) every worker instance runs on its own OS thread with real \
            locks, semaphores, barriers and queues. On the async runtime every instance is a Swift task: \
            with --executor loop (the default) all of them share one event-loop thread, as asyncio's \
            tasks do, and switch only where one waits; with --executor pool they run on Swift's \
            cooperative thread pool. The timeline is printed as it happens, one column per instance, then \
            the final state, the expectations (✓/✗), any deadlock (who holds what, who waits for what) and \
            a summary.

            EXAMPLES:
              scenario run scenarios/02-lock-counter.yaml
              scenario run scenarios/06-async-gather.yaml --runtime async
              scenario run scenarios/11-lost-update.yaml --runtime async --executor pool
              scenario run scenarios/08-lock-order-deadlock.yaml --format json
              scenario run scenarios/01-sleeping-worker.yaml --speed 10
              scenario run scenarios/10-bounded-buffer.yaml --timeline run.jsonl
              scenario run scenarios/11-lost-update.yaml --quiet

            \(ExitStatus.helpText)
            """)

    @Argument(help: ArgumentHelp("The scenario file to run.", valueName: "file"))
    var file: String

    @Option(help: "The runtime: threads (one OS thread per worker instance) or async (one Swift task per instance). Overrides the file's 'runtime:'.")
    var runtime: RuntimeKind?

    @Option(help: "Where the async runtime's tasks run: loop (one event-loop thread, as asyncio) or pool (Swift's cooperative thread pool).")
    var executor: AsyncEngine.Executor?

    @Option(help: "Output: text (timeline, state and summary for people) or json (one object on stdout).")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Also write every event to this file as JSON lines (one object per event, for your own tools); - for standard output, with the summary on standard error.", valueName: "file"))
    var timeline: String?

    // `.unconditional`: the value is taken even when it starts with a dash, so that `--timeout -1`
    // is refused as negative rather than read as a missing value followed by a flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("Stop a run that takes longer than this many seconds (status timeout, exit 4).", valueName: "seconds"))
    var timeout: Double = 60

    @Option(parsing: .unconditional, help: ArgumentHelp("Divide every sleep and work duration by this factor (reported times stay real).", valueName: "x"))
    var speed: Double = 1

    @Flag(name: .shortAndLong, help: "Print only the summary, not the timeline.")
    var quiet = false

    @Flag(help: "Print every event of the timeline (by default it stops after 200 and says how many it left out).")
    var all = false

    @Flag(help: "Never cut an event's text in the timeline: long text continues on the next lines of its column.")
    var wide = false

    @Option(help: ArgumentHelp("Colour output: auto (on a terminal, unless NO_COLOR is set), always or never."))
    var color: ColorChoice = .auto

    @OptionGroup var limits: InstanceLimitOptions

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number, such as 10") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        if executor != nil, runtime == .threads {
            throw ValidationError("--executor chooses where async tasks run; it goes with --runtime async, not threads")
        }
        if timelineIsStandardOutput, format == .json {
            throw ValidationError("--timeline - and --format json would both write to standard output; give --timeline a file")
        }
    }

    func run() async throws {
        let console = Console.current
        guard
            let checked = ScenarioFile(
                path: file, options: .init(maxInstances: limits.maxInstances, runtime: runtime), console: console,
                color: color),
            let scenario = checked.result.scenario
        else {
            throw ExitStatus.invalid.exitCode
        }
        let chosenRuntime = runtime ?? scenario.runtime
        if executor != nil, chosenRuntime == .threads {
            console.err("\(file): error: --executor chooses where async tasks run, and this file runs on threads; add --runtime async\n")
            throw ExitStatus.invalid.exitCode
        }
        let compiled = Compiler.compile(scenario, path: file)
        if let problem = SpeedCheck.problem(in: compiled, speed: speed) {
            console.err(problem + "\n")
            throw ExitStatus.invalid.exitCode
        }
        let timelineFile = try openTimeline(console: console)
        let useColor = color.enabled(terminal: timelineIsStandardOutput ? console.errIsTerminal : console.outIsTerminal)
        let printer = format == .text && !quiet && !timelineIsStandardOutput ? TimelinePrinter(scenario: compiled, console: console, useColor: useColor, all: all, wide: wide) : nil
        let timelineStream = timelineFile.map {
            TimelineStream(output: $0, instances: compiled.instances.map(\.name), objects: compiled.objects.map(\.name))
        }
        let engine = chosenRuntime == .threads ? ThreadsEngine.name : AsyncEngine.name
        let jsonStream = format == .json ? jsonReportStream(compiled, runtime: engine, console: console) : nil
        var options = RunOptions(speed: speed, timeout: timeout, handlesInterrupt: true)
        // Every output takes the events as they come (the text timeline, the timeline file, the
        // JSON report), so none is kept in memory: a run of any length costs the same memory.
        options.keepsEvents = false
        // The batch is a view of the runtime's storage: the files encode straight from it.
        if printer != nil || timelineStream != nil || jsonStream != nil {
            options.onEventBatch = { batch in
                printer?.print(batch)
                timelineStream?.write(batch)
                jsonStream?.write(batch)
            }
        }
        printer?.start()
        let report = switch chosenRuntime {
        case .threads: await ThreadsEngine.run(compiled, options: options)
        case .async: await AsyncEngine.run(compiled, options: options, executor: executor ?? .loop)
        }
        printer?.finish()

        let timelineFailure = timelineStream?.close()
        switch format {
        case .json:
            jsonStream?.finish(report)
        case .text:
            let summary = TextSummaryRenderer().render(report, useColor: useColor)
            if timelineIsStandardOutput { console.err(summary) } else { console.out(summary) }
        }
        if let timelineFailure {
            console.err(timelineFailure + "\n")
            throw ExitStatus.invalid.exitCode
        }
        let status = ExitStatus(report.status)
        if status != ExitStatus.ok { throw status.exitCode }
    }
}

/// `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

extension RuntimeKind: ExpressibleByArgument {}
extension AsyncEngine.Executor: ExpressibleByArgument {}

extension ExitStatus {
    init(_ status: RunStatus) {
        switch status {
        case .ok: self = .ok
        case .expectationFailed: self = .expectationFailed
        case .deadlock: self = .deadlock
        case .timeout: self = .timeout
        case .interrupted: self = .interrupted
        case .error: self = .runtimeError
        }
    }
}
