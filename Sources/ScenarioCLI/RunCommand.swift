import ArgumentParser
import Foundation
import ScenarioCompiler
import ScenarioRendering
import ScenarioAsync
import ScenarioRuntime
import ScenarioSimulate
import ScenarioSyntax
import ScenarioThreads
import ScenarioValidation

/// `scenario run FILE`: validates a scenario, then runs it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and report its timeline, final state, expectations and any deadlock.",
        // Written out: with this many options, the generated usage would shrink to `[<options>] <file>`.
        usage: """
            scenario run <file> [<options>]
            scenario run <file> --runs <n> [--jobs <j>] [<options>]
            """,
        discussion: """
            The file is checked first, exactly as `scenario check` does; a file with errors is not run. \
            On the threads runtime (the default) every worker instance runs on its own OS thread with real \
            locks, semaphores, barriers and queues. On the async runtime every instance is a Swift task: \
            with --executor loop (the default) all of them share one event-loop thread, as asyncio's \
            tasks do, and switch only where one waits; with --executor pool they run on Swift's \
            cooperative thread pool. On the simulate runtime every instance is stepped by one \
            deterministic scheduler in virtual time: the same --seed gives the same run, byte for byte, \
            and a deadlock or failed expectation prints the command that replays it. The timeline is printed as it happens, one column per instance, then \
            the final state, the expectations (✓/✗), any deadlock (who holds what, who waits for what) and \
            a summary.

            THE GIL:
            --gil (or 'gil: true' in the file) models CPython's global interpreter lock: an instance \
            must hold it to run any step, `work` included, so CPU-bound workers take turns instead of \
            running in parallel. It is dropped when an instance blocks, sleeps or finishes, and every \
            switch interval (5ms, or the file's 'gil_interval:') while another waits for it. The \
            timeline shows gil_wait, gil_acquire and gil_release; the summary, each instance's time \
            waiting for the GIL. It works on threads, async --executor pool and simulate (virtual \
            time); the async loop executor already runs one task at a time, so it refuses it.

            POOLS:
            A worker with 'pool: P' is a task submitted to P at the start; at most P's size run at once. \
            A thread pool's tasks run on threads of the pool's own. A process pool's tasks ('kind: \
            processes') run in child processes (this binary started again), each with its own copy of \
            the variables: their writes never reach the parent, the summary shows each process's copy, \
            and their events carry the process's pid in the timeline. Their futures complete, and \
            their on_done runs, in the parent. A child that dies fails its task and is replaced; no \
            child outlives the run. Under simulate the processes are isolated copies with virtual ids.

            EXAMPLES:
              scenario run scenarios/02-lock-counter.yaml
              scenario run scenarios/06-async-gather.yaml --runtime async
              scenario run scenarios/11-lost-update.yaml --runtime async --executor pool
              scenario run scenarios/11-lost-update.yaml --runtime simulate --seed 3
              scenario run scenarios/09-dining-philosophers.yaml --runtime simulate --strategy pct --depth 2
              scenario run scenarios/08-lock-order-deadlock.yaml --format json
              scenario run scenarios/18-process-pool.yaml
              scenario run scenarios/01-sleeping-worker.yaml --speed 10
              scenario run scenarios/10-bounded-buffer.yaml --timeline run.jsonl
              scenario run scenarios/04-rlock-semaphore-barrier.yaml --trace run.trace.json
              scenario run scenarios/04-rlock-semaphore-barrier.yaml --runtime simulate --seed 1 --quiet --html run.html
              scenario run scenarios/08-lock-order-deadlock.yaml --quiet --svg deadlock.svg
              scenario run scenarios/11-lost-update.yaml --quiet
              scenario run scenarios/17-gil-cpu-bound.yaml --gil
              scenario run scenarios/11-lost-update.yaml --runs 1000
              scenario run scenarios/02-lock-counter.yaml --runs 10000 --jobs 4 --format json

            MANY RUNS:
            --runs N runs the scenario N times (--jobs at a time) and prints, instead of a timeline, how \
            many runs were ok, failed an expectation, deadlocked, timed out or failed with an error; each \
            variable's final values with their share of the runs ("counter = 19998: 61% (610)"); and each \
            distinct outcome with the first run that had it. Real threads never run the same way twice: \
            this is the distribution of what they did. A terminal shows a progress line on standard \
            error. Ctrl-C stops the series and prints what was gathered (exit 130). The series exits 0 \
            when every run was ok; otherwise with the code of the most severe status seen, in this \
            order: runtime error (5), deadlock (3), timeout (4), expectation failed (1).

            \(ExitStatus.helpText)
            """)

    @Argument(help: ArgumentHelp("The scenario file to run.", valueName: "file"))
    var file: String

    @Option(help: "The runtime: threads (one OS thread per worker instance), async (one Swift task per instance) or simulate (one deterministic scheduler, virtual time). Overrides the file's 'runtime:'.")
    var runtime: RuntimeKind?

    @Option(help: "Where the async runtime's tasks run: loop (one event-loop thread, as asyncio) or pool (Swift's cooperative thread pool).")
    var executor: AsyncEngine.Executor?

    @Option(help: "Output: text (timeline, state and summary for people) or json (one object on stdout).")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Also write every event to this file as JSON lines (one object per event, for your own tools); - for standard output, with the summary on standard error.", valueName: "file"))
    var timeline: String?

    @Option(help: ArgumentHelp("Also write the run as a Chrome trace (JSON) to this file, to open in ui.perfetto.dev or chrome://tracing: a track per instance with its running, blocked, sleeping and working slices, arrows from each release to the acquire it allowed, counters for semaphores, queues and variables (the first 100,000 events); - for standard output, with the summary on standard error.", valueName: "file"))
    var trace: String?

    @Option(help: ArgumentHelp("Also write the run as one self-contained web page to this file, to open in any browser (no network needed): a lane per instance with its running, blocked, sleeping and working bars and its events, arrows for who unblocked whom, who held each lock when, queue sizes, the final state, expectations and any deadlock, with a step-through (Next/Previous, arrow keys) for class (the first 100,000 events); - for standard output.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Also write the run as a static SVG picture to this file, for slides and handouts: the same lanes, arrows, holders and queue sizes as --html, with a legend, no script; - for standard output.", valueName: "file"))
    var svg: String?

    // `.unconditional`: the value is taken even when it starts with a dash, so that `--timeout -1`
    // is refused as negative rather than read as a missing value followed by a flag.
    @Option(name: .customLong("timeout"), parsing: .unconditional, help: ArgumentHelp("Stop a run that takes longer than this many seconds (status timeout, exit 4; default 60). Under simulate it counts virtual time (default a day), and the same number of real seconds still guards loops that never advance the virtual clock.", valueName: "seconds"))
    var timeoutOption: Double?

    /// `--timeout`, with its default.
    var timeout: Double { timeoutOption ?? 60 }

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

    // `.unconditional`: `--runs -1` is refused as too small, not read as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Run the scenario this many times and print the distribution of outcomes (statuses, each variable's final values, each distinct outcome and its first run) instead of a timeline; --quiet is implied.", valueName: "n"))
    var runs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --runs: how many runs at once (default: the number of cores). The result does not depend on it.", valueName: "j"))
    var jobs: Int?

    @Flag(help: "Model CPython's global interpreter lock, as 'gil: true' does: one instance runs a step at a time, switching when it waits or sleeps, and every switch interval ('gil_interval:', 5ms) while others wait. Threads, async --executor pool and simulate.")
    var gil = false

    @OptionGroup var limits: InstanceLimitOptions

    @OptionGroup var simulation: SimulationOptions

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be a positive number, such as 10") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
        if executor != nil, let runtime, runtime != .async {
            throw ValidationError("--executor chooses where async tasks run; it goes with --runtime async, not \(runtime.rawValue)")
        }
        if let problem = simulation.problem(runtime: runtime ?? .simulate) { throw ValidationError(problem) }
        if let problem = seriesProblem() { throw ValidationError(problem) }
        if let conflict = standardOutputConflict([
            ("--timeline -", timeline == "-"), ("--trace -", trace == "-"), ("--html -", html == "-"),
            ("--svg -", svg == "-"), ("--format json", format == .json),
        ]) {
            throw ValidationError(conflict)
        }
        if let conflict = sameFileConflict([("--timeline", timeline), ("--trace", trace), ("--html", html), ("--svg", svg)]) {
            throw ValidationError(conflict)
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
        if executor != nil, chosenRuntime != .async {
            console.err("\(file): error: --executor chooses where async tasks run, and this file runs on \(chosenRuntime.rawValue); add --runtime async\n")
            throw ExitStatus.invalid.exitCode
        }
        if let problem = GILCheck.problem(
            scenario: scenario, runtime: chosenRuntime, executor: executor, forced: gil, replaying: simulation.replay != nil) {
            console.err("\(file): error: \(problem)\n")
            throw ExitStatus.invalid.exitCode
        }
        if let problem = simulation.problem(runtime: chosenRuntime) {
            console.err("\(file): error: \(problem), the runtime this file runs on; add --runtime simulate\n")
            throw ExitStatus.invalid.exitCode
        }
        let compiled = Compiler.compile(scenario, path: file)
        if let problem = SpeedCheck.problem(in: compiled, speed: speed) {
            console.err(problem + "\n")
            throw ExitStatus.invalid.exitCode
        }
        // Before the timeline file is opened: it may be the very file the replay reads.
        let simulated = chosenRuntime == .simulate ? try simulationSettings(compiled, console: console) : nil
        if let runs {
            try await runSeries(
                compiled, runtime: chosenRuntime, simulated: simulated, runs: runs, console: console,
                processes: Self.processRunners(path: file, source: checked.text, speed: speed))
            return
        }
        let timelineFile = try openTimeline(console: console)
        let pictureFiles = try openPictures(console: console)
        let pictureEvents = pictureFiles.isEmpty ? nil : PictureEventCollector(limit: RunPicture.defaultEventLimit)
        let useColor = color.enabled(terminal: standardOutputIsAFile ? console.errIsTerminal : console.outIsTerminal)
        let printer = format == .text && !quiet && !standardOutputIsAFile ? TimelinePrinter(scenario: compiled, console: console, useColor: useColor, all: all, wide: wide) : nil
        let timelineStream = timelineFile.map { TimelineStream(output: $0, header: timelineHeader(compiled, runtime: chosenRuntime)) }
        let jsonStream = format == .json ? jsonReportStream(compiled, runtime: chosenRuntime, console: console) : nil
        var options = RunOptions(speed: speed, timeout: timeout, handlesInterrupt: true)
        // Every output takes the events as they come (the text timeline, the timeline file, the
        // JSON report), so none is kept in memory: a run of any length costs the same memory.
        options.keepsEvents = false
        options.gil = gil
        options.makeProcessRunner = Self.processRunners(path: file, source: checked.text, speed: speed)
        // The batch is a view of the runtime's storage: the files encode straight from it.
        if printer != nil || timelineStream != nil || jsonStream != nil || pictureEvents != nil {
            options.onEventBatch = { batch in
                pictureEvents?.add(batch)
                printer?.print(batch)
                timelineStream?.write(batch)
                jsonStream?.write(batch)
            }
        }
        printer?.start()
        let report = switch chosenRuntime {
        case .threads: await ThreadsEngine.run(compiled, options: options)
        case .async: await AsyncEngine.run(compiled, options: options, executor: executor ?? .loop)
        case .simulate: await SimulateEngine.run(compiled, options: options, settings: simulated ?? simulation.settings(timeout: timeoutOption))
        }
        printer?.finish()

        let timelineFailure = timelineStream?.close(report: report)
        let pictureFailure = pictureEvents.flatMap { writePictures(report, events: $0, to: pictureFiles) }
        switch format {
        case .json:
            jsonStream?.finish(report)
        case .text:
            let summary = TextSummaryRenderer().render(report, useColor: useColor)
            if standardOutputIsAFile { console.err(summary) } else { console.out(summary) }
        }
        if let replay = replayCommand(report) {
            let line = "replay this run: \(replay)\n"
            if format == .text, !standardOutputIsAFile { console.out(line) } else { console.err(line) }
        }
        if let note = realTimeGuardNote(report, realSeconds: timeout) {
            if format == .text, !standardOutputIsAFile { console.out(note + "\n") } else { console.err(note + "\n") }
        }
        if let failure = timelineFailure ?? pictureFailure {
            console.err(failure + "\n")
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
