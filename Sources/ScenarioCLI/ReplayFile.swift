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
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            // Readers skip every line without a `seq` (blank lines, the header), as grammar.md promises.
            guard line.contains("\"seq\"") else { continue }
            do throws(TimelineReadError) {
                entries.append(ReplayScript.Entry(line: lineNumber, event: try reader.event(fromLine: String(line))))
            } catch {
                throw Problem(description: "\(path):\(lineNumber): error: \(error.message) (is it a timeline of this scenario?)")
            }
        }
        guard !entries.isEmpty else { throw Problem(description: "\(path): error: the timeline to replay has no events") }
        return ReplayScript(path: path, events: entries)
    }
}
