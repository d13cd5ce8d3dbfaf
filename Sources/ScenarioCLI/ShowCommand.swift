import ArgumentParser
import Foundation
import ScenarioDiagnostics
import ScenarioRendering
import ScenarioRuntime

/// `scenario show TIMELINE --html/--svg/--trace FILE`: draws a run saved with `--timeline`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Draw a run saved with --timeline: a web page (--html), an SVG picture (--svg) or a Chrome trace for ui.perfetto.dev (--trace).",
        discussion: """
            A run recorded once with `scenario run FILE --timeline run.jsonl` can be drawn later, on \
            another machine, without the scenario file: the timeline's first line names the instances and \
            objects, and its last line holds the run's report (final state, expectations, deadlock). \
            --html writes the same web page as `scenario run --html`: one self-contained file to open \
            in any browser, with a lane per instance, who unblocked whom, who held each lock when, each \
            queue's size, the outcome, and a step-through (Next ▶, or the → key) to walk a class \
            through the run. --svg writes a static picture of the same lanes for slides and handouts. \
            --trace writes a Chrome trace (JSON): open https://ui.perfetto.dev and drop the file on it \
            ("Open trace file"), or load it in chrome://tracing. Each worker instance is a track with its \
            running, blocked, sleeping and working slices; an arrow goes from each release, put or \
            barrier opening to the acquire, get or pass it allowed; counters show each semaphore's \
            permits in use, each queue's size and each variable's value. Click an event to see its \
            object, value and the step's line in the scenario file. At most the first 100,000 events are \
            drawn (the trace says how many it left out).

            EXAMPLES:
              scenario run scenarios/08-lock-order-deadlock.yaml --quiet --timeline run.jsonl
              scenario show run.jsonl --html run.html
              scenario show run.jsonl --svg run.svg
              scenario show run.jsonl --trace run.trace.json
              scenario show run.jsonl --trace - | gzip > run.trace.json.gz
              scenario run scenarios/10-bounded-buffer.yaml --trace buffer.trace.json    (no timeline file needed)

            EXIT CODES:
              0    the picture was written
              2    the timeline could not be read (FILE:LINE: error: …), the output could not be written, or the command line is wrong
            """)

    @Argument(help: ArgumentHelp("A timeline file written by `scenario run --timeline` (- for standard input).", valueName: "timeline"))
    var timeline: String

    @Option(help: ArgumentHelp("Write the run as a Chrome trace (JSON) for ui.perfetto.dev or chrome://tracing; - for standard output.", valueName: "file"))
    var trace: String?

    @Option(help: ArgumentHelp("Write the run as one self-contained web page (lanes, who unblocked whom, holders, queue sizes, outcome, step-through), to open in any browser; - for standard output.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the run as a static SVG picture (the same lanes, arrows, holders and queue sizes, with a legend), for slides; - for standard output.", valueName: "file"))
    var svg: String?

    /// The pictures asked for.
    var paths: [PictureFiles.Kind: String] { [.trace: trace, .html: html, .svg: svg].compactMapValues { $0 } }

    func validate() throws {
        if paths.isEmpty {
            throw ValidationError("say what to draw: --html FILE (a web page), --svg FILE (a picture for slides) or --trace FILE (a Chrome trace for ui.perfetto.dev)")
        }
        if let conflict = standardOutputConflict([("--trace -", trace == "-"), ("--html -", html == "-"), ("--svg -", svg == "-")]) {
            throw ValidationError(conflict)
        }
        if let conflict = sameFileConflict([("--trace", trace), ("--html", html), ("--svg", svg)]) {
            throw ValidationError(conflict)
        }
    }

    func run() throws {
        let console = Console.current
        let file: TimelineFile
        do throws(ShowInputError) {
            file = try Self.read(timeline)
        } catch {
            console.err(error.description + "\n")
            throw ExitStatus.invalid.exitCode
        }
        // Opened after the timeline is read: `-` may be read from standard input, and a picture
        // that cannot be drawn should not leave an empty file behind.
        let files = try PictureFiles.open(paths, console: console, refusing: [timeline])
        if let failure = files.write(RunPicture(timeline: file)) {
            console.err(failure + "\n")
            throw ExitStatus.invalid.exitCode
        }
    }

    struct ShowInputError: Error, CustomStringConvertible {
        var description: String
    }

    /// The timeline file at `path`: its header names the instances and objects its events use.
    static func read(_ path: String) throws(ShowInputError) -> TimelineFile {
        var data: [UInt8]
        do throws(InputFile.Failure) {
            data = try InputFile.read(path)
        } catch {
            throw ShowInputError(description: "\(path): error: cannot read the timeline (\(error.reason))")
        }
        // A byte-order mark (a file saved by a Windows editor) is not content.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        let firstLine = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        guard let firstLine else {
            throw ShowInputError(description: "\(path): error: the timeline is empty; give a file written by --timeline")
        }
        let header: TimelineHeader
        do {
            let value = try TimelineJSONLinesReader(instances: [], objects: []).firstValue(of: Array(firstLine))
            guard let found = try TimelineHeader(value, line: 1) else {
                let what = value["events"] != nil || value["scenario"] != nil
                    ? "is a JSON report (--format json), not a timeline" : "has no header line (it was written by an older version)"
                throw ShowInputError(description: "\(path):1: error: the file \(what); record the run with --timeline FILE")
            }
            header = found
        } catch let error as ShowInputError {
            throw error
        } catch let error as JSONScanError {
            throw ShowInputError(description: "\(path):\(error.line): error: \(error.message)")
        } catch let error as TimelineReadError {
            throw ShowInputError(description: "\(path):\(error.line): error: \(error.message)")
        } catch {
            throw ShowInputError(description: "\(path): error: \(error)")
        }
        do throws(TimelineReadError) {
            return try TimelineJSONLinesReader(header: header).read(from: Data(data))
        } catch {
            throw ShowInputError(description: "\(path):\(error.line): error: \(error.message)")
        }
    }
}
