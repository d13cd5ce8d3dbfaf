import ArgumentParser
import ScenarioDiff
import ScenarioRendering

/// `scenario diff A B`: compares two recorded runs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two recorded runs: timeline files (--timeline) or JSON reports (--format json).",
        discussion: """
            Real threads never run the same way twice; diff shows how two runs differ. Each worker \
            instance's own events (kind, object, value; times ignored unless --time) are aligned between \
            the runs, as diff aligns lines. Then it prints, in this order: the verdict (same or differ) with \
            any difference in status and final state; the first divergence, the first pair of operations on \
            one object that the runs did in opposite orders ("A: alice acquired lock_a before bob; B: bob \
            acquired lock_a before alice"), with a few events around it from each run side by side; and the \
            events only one run has, per instance. A and B may be of either kind, and from any runtime: \
            diffing a threads run against an async run of the same file shows where the schedules differ, \
            two seeds of the simulator show two interleavings, and a run against its replay \
            (--runtime simulate --replay) is the same. --html FILE also draws both runs on one web page, \
            A's lanes above B's on one time axis, with the two operations of the first divergence ringed \
            in each run and a button that steps to them.

            EXAMPLES:
              scenario run scenarios/11-lost-update.yaml --quiet --timeline a.jsonl
              scenario run scenarios/11-lost-update.yaml --quiet --timeline b.jsonl
              scenario diff a.jsonl b.jsonl
              scenario run scenarios/11-lost-update.yaml --runtime async --format json > report.json
              scenario diff report.json a.jsonl --format json
              scenario diff a.jsonl b.jsonl --time 0.01
              scenario run scenarios/11-lost-update.yaml --runtime simulate --seed 3 --quiet --timeline s3.jsonl
              scenario run scenarios/11-lost-update.yaml --runtime simulate --seed 4 --quiet --timeline s4.jsonl
              scenario diff s3.jsonl s4.jsonl
              scenario run scenarios/11-lost-update.yaml --runtime simulate --replay a.jsonl --quiet --timeline replayed.jsonl
              scenario diff a.jsonl replayed.jsonl
              scenario diff s3.jsonl s4.jsonl --html diff.html    (both runs on one page, the divergence marked)

            EXIT CODES:
              0    the runs are the same
              1    the runs differ
              2    an input could not be read (FILE:LINE: error: …), or the command line is wrong
            """)

    @Argument(help: ArgumentHelp("The first run: a timeline file or a JSON report.", valueName: "a"))
    var a: String

    @Argument(help: ArgumentHelp("The second run: a timeline file or a JSON report.", valueName: "b"))
    var b: String

    @Option(help: "Output: text (for people) or json (one object on stdout, for tools).")
    var format: OutputFormat = .text

    // `.unconditional`: `--time -1` is refused as negative, not read as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Also compare times: two events match only if their times differ by at most this many seconds.", valueName: "seconds"))
    var time: Double?

    @Option(help: ArgumentHelp("Colour output: auto (on a terminal, unless NO_COLOR is set), always or never."))
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Also write both runs as one web page: A's lanes above B's on one time axis, the first divergence marked in both (a button steps to it); - for standard output, with the text on standard error.", valueName: "file"))
    var html: String?

    func validate() throws {
        if let time, !(time >= 0 && time.isFinite) {
            throw ValidationError("--time must be a number of seconds, 0 or more, such as 0.01")
        }
        if html == "-", format == .json {
            throw ValidationError("--html - and --format json would both write to standard output; give --html a file")
        }
    }

    func run() throws {
        let console = Console.current
        var names = DiffNames()
        let recordings: (Recording, Recording)
        do throws(DiffInputError) {
            recordings = (try RecordingLoader.load(a, names: &names), try RecordingLoader.load(b, names: &names))
        } catch {
            console.err(error.description + "\n")
            throw ExitStatus.invalid.exitCode
        }
        let diff = RunComparison.compare(recordings.0, recordings.1, names: names, timeTolerance: time)
        // After the inputs are read: `-` may be standard input, and an input is never overwritten.
        let page = try html.map { try PictureFiles.open([.html: $0], console: console, refusing: [a, b]) }
        let text = page != nil && html == "-"
        switch format {
        case .text where text:
            console.err(DiffTextRenderer(useColor: color.enabled(terminal: console.errIsTerminal)).render(diff))
        case .text: console.out(DiffTextRenderer(useColor: color.enabled(terminal: console.outIsTerminal)).render(diff))
        case .json: console.out(DiffJSONRenderer().render(diff))
        }
        if let page, let failure = page.write(DiffPicture.make(diff)) {
            console.err(failure + "\n")
            throw ExitStatus.invalid.exitCode
        }
        if !diff.isSame { throw ExitCode(1) }
    }
}
