import Foundation
import Testing

/// The text timeline of `scenario run` through the built executable: `--all`, `--wide`, and
/// the durations of `sleep` and `work`. Run 100 columns wide (`COLUMNS`), so that the layout
/// does not depend on the terminal the tests run in.
@Suite("scenario run, text timeline")
struct TimelineOptionsTests {
    static let counter = """
        scenario: Many events
        variables:
          counter: 0
        workers:
          adder:
            - repeat: 300
              do:
                - increment: counter
            - log: "last line"
        """

    static let sleeper = """
        scenario: Sleep and work
        workers:
          sleeper:
            - sleep: 500ms
            - work: 1s
            - sleep: 1m30s
          talker:
            - log: "a message far too long for any column of the timeline, which goes on and on until its last word"
        """

    private func run(_ yaml: String, _ options: [String]) throws -> ProcessOutput {
        let directory = try TemporaryDirectory()
        let path = try directory.write("scenario.yaml", yaml)
        return try withExtendedLifetime(directory) {
            try runScenario(
                ["run", path, "--color", "never", "--timeout", "30"] + options,
                environment: ["NO_COLOR": "1", "COLUMNS": "100"])
        }
    }

    /// Timeline lines: they start with the time column.
    private func eventLines(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.count > 8 && $0.dropFirst(7).first == "s" && $0.first == " " }
    }

    @Test func byDefaultTheTimelineStopsAfter200EventsAndPointsAtAll() throws {
        let output = try run(Self.counter, [])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(eventLines(output.stdout).count == 200)
        #expect(output.stdout.contains("… 403 more events not shown; --all prints them all"), "\(output.summary)")
        #expect(!output.stdout.contains("last line"))
    }

    @Test func allPrintsEveryEvent() throws {
        let output = try run(Self.counter, ["--all"])
        #expect(output.exited(with: 0), "\(output.summary)")
        // start, 300 increments (each a read and a write), the log, finish.
        #expect(eventLines(output.stdout).count == 603, "\(output.summary)")
        #expect(!output.stdout.contains("not shown"))
        #expect(output.stdout.contains("log: last line"))
    }

    @Test func sleepAndWorkLinesShowTheDurationOfTheirStep() throws {
        let output = try run(Self.sleeper, ["--speed", "1000"])
        #expect(output.exited(with: 0), "\(output.summary)")
        #expect(output.stdout.contains("│ sleep 500ms "), "\(output.summary)")
        #expect(output.stdout.contains("│ work 1s "), "\(output.summary)")
        #expect(output.stdout.contains("│ sleep 1m30s "), "\(output.summary)")
    }

    @Test func longTextIsCutByDefaultAndWrappedWithWide() throws {
        let message = "a message far too long for any column of the timeline, which goes on and on until its last word"
        let cut = try run(Self.sleeper, ["--speed", "1000"])
        #expect(cut.stdout.contains("│ log: a message far too"), "\(cut.summary)")
        #expect(cut.stdout.contains("…"))
        #expect(!cut.stdout.contains("last word"))

        let wide = try run(Self.sleeper, ["--speed", "1000", "--wide"])
        #expect(wide.exited(with: 0), "\(wide.summary)")
        // The talker's column holds the whole message, over several lines.
        let pieces = wide.stdout.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "│", omittingEmptySubsequences: false)
            guard cells.count == 3 else { return nil }
            let text = cells[2].trimmingCharacters(in: .whitespaces)
            return text.isEmpty || text == "talker" ? nil : text
        }
        #expect(pieces.count > 1, "\(wide.summary)")
        #expect(pieces.joined(separator: " ").contains("log: " + message), "\(wide.summary)")
        #expect(wide.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func helpListsTheTimelineOptions() throws {
        let output = try runScenario(["run", "--help"])
        #expect(output.stdout.contains("--all"))
        #expect(output.stdout.contains("--wide"))
    }
}
