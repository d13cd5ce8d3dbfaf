import Foundation
@testable import ScenarioCLI
import ScenarioCompiler
import ScenarioValidation
import Testing

/// Options with out-of-range values, `--speed` that would stretch a duration past its limit, and
/// what `scenario` alone and `scenario help TOPIC` do.
@Suite("Command-line usage")
struct CommandLineUsageTests {
    static let valid = TestFiles.fixture("valid.yaml").path

    static let sleeper = """
        scenario: Sleeper
        workers:
          w:
            - sleep: 10ms
            - work: 100ms
            - sleep: 100ms
        """

    // MARK: Negative numbers

    @Test(arguments: [
        (["run", valid, "--timeout", "-1"], "--timeout must be a positive number of seconds"),
        (["run", valid, "--speed", "-2"], "--speed must be a positive number"),
        (["run", valid, "--max-instances", "-1"], "--max-instances must be at least 1"),
        (["check", valid, "--max-instances", "-5"], "--max-instances must be at least 1"),
    ])
    func aNegativeNumberIsReadAndRefused(_ arguments: [String], message: String) async {
        let recorder = RecordingConsole()
        let status = await recorder.run(arguments)
        #expect(status == 2)
        #expect(recorder.err.contains("Error: \(message)"), "\(recorder.err)")
        #expect(!recorder.err.contains("Missing value"), "\(recorder.err)")
        #expect(recorder.out.isEmpty)
    }

    // MARK: --speed

    @Test func aSpeedThatStretchesASleepPastADayIsRefusedBeforeTheRun() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("sleeper.yaml", Self.sleeper)
        let recorder = RecordingConsole()
        let status = await recorder.run(["run", path, "--speed", "1e-9"])
        #expect(status == 2)
        // The first of the two longest steps, 100ms at 1e-9: 1e8 s, 1157 days.
        #expect(
            recorder.err == """
                \(path):5:7: error: at --speed 1e-09, this work of 100ms would last 1157 days, longer than \
                the 24 hours a duration may last; give a larger --speed

                """)
        #expect(recorder.out.isEmpty, "the scenario must not have run")
    }

    @Test func aSpeedTooSmallForAnyNumberIsRefusedNotACrash() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("sleeper.yaml", Self.sleeper)
        for speed in ["1e-15", "5e-324"] {
            let run = try runScenario(["run", path, "--speed", speed, "--timeout", "30"])
            #expect(run.exited(with: 2), "\(speed): \(run.summary)")
            #expect(run.stderr.contains("\(path):5:7: error: at --speed"), "\(speed): \(run.summary)")
            #expect(run.stdout.isEmpty, "\(speed): \(run.summary)")
        }
    }

    @Test func aSpeedBelowOneWithinTheLimitRuns() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("short.yaml", """
            scenario: Short
            workers:
              w:
                - sleep: 1ms
            """)
        let recorder = RecordingConsole()
        let status = await recorder.run(["run", path, "--speed", "0.5", "--quiet"])
        #expect(status == 0, "\(recorder.err)")
    }

    @Test func theLongestDurationIsTheFirstOfTheLongestSteps() throws {
        let result = FrontEnd.check(Array(Self.sleeper.utf8), path: "sleeper.yaml", options: .init())
        let scenario = try #require(result.scenario)
        let longest = try #require(Compiler.compile(scenario, path: "sleeper.yaml").longestDuration)
        #expect(longest.nanoseconds == 100_000_000)
        #expect(longest.step == .work)
        #expect((longest.location.line, longest.location.column) == (5, 7))
    }

    @Test(arguments: [
        (90_000.0, "25.0 hours"), (100_000_000.0, "1157 days"), (1e20, "1.2e+15 days"), (Double.infinity, "forever"),
    ])
    func longDurationsAreWrittenInHoursOrDays(seconds: Double, text: String) {
        #expect(SpeedCheck.describe(seconds: seconds) == text)
    }

    // MARK: --timeline

    @Test func aDirectoryAsTimelineSaysSo() async throws {
        let directory = try TemporaryDirectory()
        let recorder = RecordingConsole()
        let status = await recorder.run(["run", Self.valid, "--timeline", directory.url.path])
        #expect(status == 2)
        #expect(recorder.err == "\(directory.url.path): error: cannot open the timeline file: Is a directory\n")
        #expect(recorder.out.isEmpty)
    }

    @Test func aDashAsTimelineGoesThroughTheConsole() async throws {
        let recorder = RecordingConsole()
        let status = await recorder.run(["run", Self.valid, "--timeline", "-", "--color", "never"])
        #expect(status == 0, "\(recorder.err)")
        let lines = recorder.out.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.first?.hasPrefix("{\"timeline\":1,") == true, "\(recorder.out)")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix("{\"seq\":") }, "\(recorder.out)")
        #expect(lines.last?.hasPrefix("{\"report\":") == true, "\(recorder.out)")
        #expect(recorder.err.contains("status: ok"))
    }

    // MARK: Help

    @Test func noArgumentsPrintTheHelpOnStandardErrorAndExitTwo() async {
        let recorder = RecordingConsole()
        let status = await recorder.run([])
        #expect(status == 2)
        #expect(recorder.err.contains("USAGE: scenario <subcommand>"))
        #expect(recorder.out.isEmpty)
    }

    @Test(arguments: [["help", "bogus"], ["help", "run", "check"], ["help", "--bogus"]])
    func helpOnAnUnknownTopicExitsTwo(_ arguments: [String]) async {
        let recorder = RecordingConsole()
        let status = await recorder.run(arguments)
        #expect(status == 2)
        let topic = arguments.dropFirst().joined(separator: " ")
        #expect(recorder.err.hasPrefix("Error: no command '\(topic)'; the commands are check, run, diff and show.\n"), "\(recorder.err)")
        #expect(recorder.out.isEmpty)
    }

    @Test(arguments: [
        (["help"], "USAGE: scenario <subcommand>"), (["help", "run"], "USAGE: scenario run <file> [<options>]"),
        (["help", "check"], "USAGE: scenario check"), (["help", "run", "--help"], "USAGE: scenario run <file> [<options>]"),
    ])
    func helpOnAKnownTopicExitsZero(_ arguments: [String], usage: String) async {
        let recorder = RecordingConsole()
        let status = await recorder.run(arguments)
        #expect(status == 0)
        #expect(recorder.out.contains(usage), "\(recorder.out)")
        #expect(recorder.out.contains("EXAMPLES:"))
        #expect(recorder.err.isEmpty)
    }
}
