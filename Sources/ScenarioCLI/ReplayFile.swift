import Foundation
import ScenarioDiagnostics
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime
import ScenarioSimulate

/// Reads a `--timeline` file for `--replay`: every line with a `seq` is an event (a header line
/// without one is skipped), its worker and object names mapped to this scenario's.
enum ReplayFile {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ path: String, for scenario: CompiledScenario) throws(Problem) -> ReplayScript {
        let data: [UInt8]
        do throws(InputFile.Failure) {
            data = try InputFile.read(path)
        } catch {
            switch error {
            case .noSuchFile: throw Problem(description: "\(path): error: no such file; give a timeline written by --timeline")
            case .isDirectory: throw Problem(description: "\(path): error: is a directory; give a timeline written by --timeline")
            case .tooLarge, .system:
                throw Problem(description: "\(path): error: cannot read the timeline to replay (\(error.reason))")
            }
        }
        let reader = TimelineJSONLinesReader(instances: scenario.instances.map(\.name), objects: scenario.objects.map(\.name))
        var entries: [ReplayScript.Entry] = []
        // A byte-order mark and CRLF line ends (a file saved by a Windows editor) are no problem;
        // a String sees "\r\n" as one Character, so that is a line end too.
        let text = String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }), Self.opensAReport(first) {
            throw Problem(
                description: "\(path): error: this is a JSON report (--format json), not a timeline; --replay follows a "
                    + "timeline file: record the run with --timeline FILE (scenario diff takes either)")
        }
        var lineNumber = 0
        for line in lines {
            lineNumber += 1
            // Readers skip every line without a `seq` (blank lines, the header), as grammar.md promises.
            // The report trailer (the last line) is no event, whatever its strings hold.
            guard line.contains("\"seq\""), !line.hasPrefix("{\"report\":") else { continue }
            do throws(TimelineReadError) {
                entries.append(ReplayScript.Entry(line: lineNumber, event: try reader.event(fromLine: String(line))))
            } catch {
                throw Problem(description: "\(path):\(lineNumber): error: \(error.message) (is it a timeline of this scenario?)")
            }
        }
        guard !entries.isEmpty else {
            throw Problem(description: "\(path): error: the timeline to replay has no events (no line with a \"seq\"); give a file written by --timeline")
        }
        try checkNothingFollowsAFinish(entries, path: path, scenario: scenario)
        return ReplayScript(path: path, events: entries)
    }

    /// No recorded run has an event of an instance after its `finish`: such a file was edited or
    /// joined from two runs, and the replay, which ends with the last non-daemon's finish, would
    /// never reach the event to say so.
    private static func checkNothingFollowsAFinish(
        _ entries: [ReplayScript.Entry], path: String, scenario: CompiledScenario
    ) throws(Problem) {
        var finishLine: [Int32: Int] = [:]
        for entry in entries.sorted(by: { $0.event.seq < $1.event.seq }) {
            let instance = entry.event.instance
            if let line = finishLine[instance] {
                let name = scenario.instances.indices.contains(Int(instance)) ? scenario.instances[Int(instance)].name : "#\(instance)"
                throw Problem(
                    description: "\(path):\(entry.line): error: '\(name)' has an event after its 'finish' (line \(line)); "
                        + "no run records that: was the timeline edited, or joined from two runs?")
            }
            if entry.event.kind == .finish { finishLine[instance] = entry.line }
        }
    }

    /// A report's first line: `{` alone (as `--format json` writes it) or an object with `events`.
    private static func opensAReport(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed == "{" || (trimmed.hasPrefix("{") && !trimmed.contains("\"seq\"") && trimmed.contains("\"events\""))
    }
}
