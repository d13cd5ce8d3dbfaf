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
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }), Self.opensAReport(first) {
            throw Problem(
                description: "\(path): error: this is a JSON report (--format json), not a timeline; --replay follows a "
                    + "timeline file: record the run with --timeline FILE (scenario diff takes either)")
        }
        var lineNumber = 0
        for line in lines {
            lineNumber += 1
            // Readers skip every line without a `seq` (blank lines, the header), as grammar.md promises.
            guard line.contains("\"seq\"") else { continue }
            do throws(TimelineReadError) {
                entries.append(ReplayScript.Entry(line: lineNumber, event: try reader.event(fromLine: String(line))))
            } catch {
                throw Problem(description: "\(path):\(lineNumber): error: \(error.message) (is it a timeline of this scenario?)")
            }
        }
        guard !entries.isEmpty else {
            throw Problem(description: "\(path): error: the timeline to replay has no events (no line with a \"seq\"); give a file written by --timeline")
        }
        return ReplayScript(path: path, events: entries)
    }

    /// A report's first line: `{` alone (as `--format json` writes it) or an object with `events`.
    private static func opensAReport(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed == "{" || (trimmed.hasPrefix("{") && !trimmed.contains("\"seq\"") && trimmed.contains("\"events\""))
    }
}
