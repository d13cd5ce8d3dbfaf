import ScenarioRuntime
import Testing

@testable import ScenarioRendering

@Suite struct TextSummaryRendererTests {
    @Test(arguments: Fixtures.names)
    func matchesGolden(name: String) throws {
        try expectGolden(TextSummaryRenderer().render(Fixtures.named(name), useColor: false), "\(name).summary.txt")
    }

    @Test func colouredMatchesGolden() throws {
        let text = TextSummaryRenderer().render(Fixtures.runtimeError, useColor: true)
        try expectGolden(visibleEscapes(text), "runtime-error.summary.color.txt")
        #expect(withoutEscapes(text) == TextSummaryRenderer().render(Fixtures.runtimeError, useColor: false))
    }

    @Test(arguments: [
        (ExpectationResult(variable: "counter", expected: 2, actual: 2), "✓ counter = 2"),
        (ExpectationResult(variable: "counter", expected: 2, actual: 1), "✗ counter = 1, expected 2"),
        (ExpectationResult(variable: "deadlock", expected: 1, actual: 1, isDeadlock: true), "✓ deadlock (expected)"),
        (ExpectationResult(variable: "deadlock", expected: 0, actual: 1, isDeadlock: true), "✗ deadlock, expected none"),
        (ExpectationResult(variable: "deadlock", expected: 1, actual: 0, isDeadlock: true), "✗ no deadlock, expected one"),
        (ExpectationResult(variable: "deadlock", expected: 0, actual: 0, isDeadlock: true), "✓ no deadlock (as expected)"),
    ])
    func expectationLines(result: ExpectationResult, line: String) {
        var report = Fixtures.lockCounter
        report.expectations = [result]
        #expect(TextSummaryRenderer().render(report, useColor: false).contains("\n  \(line)\n"))
    }

    @Test func workersAreListedOnlyWhenNotAllFinished() {
        #expect(!TextSummaryRenderer().render(Fixtures.lockCounter, useColor: false).contains("workers"))
        let text = TextSummaryRenderer().render(Fixtures.runtimeError, useColor: false)
        #expect(text.contains("  daemon processor: stopped\n"))
        #expect(text.contains("  producer: failed\n"))
    }

    @Test(arguments: [
        (0.0, "0s"), (0.000_000_85, "850ns"), (0.000_001_2, "1.2µs"), (0.000_012, "12µs"), (0.000_999_96, "1.0ms"),
        (0.001_2, "1.2ms"), (0.34, "340ms"), (0.999_9, "1.00s"), (3.4, "3.40s"), (59.994, "59.99s"), (59.999, "1m00s"), (125, "2m05s"),
        (3_599.4, "59m59s"), (3_599.6, "1h00m00s"), (3_600, "1h00m00s"), (50_235, "13h57m15s"), (360_000, "100h00m00s"),
        (-0.002, "-2.0ms"), (Double.infinity, "?"),
    ])
    func durations(seconds: Double, text: String) {
        #expect(DurationText.format(seconds) == text)
    }

    @Test func groupedNumbers() {
        #expect(TextCell.grouped(999_800) == "999,800")
        #expect(TextCell.grouped(12) == "12")
        #expect(TextCell.grouped(-1_234) == "-1,234")
        #expect(TextCell.grouped(1_000_000) == "1,000,000")
    }

    @Test func everyCountOfTheContentionLineIsGroupedAndLongWaitsUseHours() {
        var report = Fixtures.lockCounter
        report.contention = [
            ContentionStats(name: "mutex", kind: "lock", acquisitions: 10_000, contended: 9_435, totalWait: 50_235, longestWait: 3_725)
        ]
        report.duration = 50_300
        let text = TextSummaryRenderer().render(report, useColor: false)
        #expect(text.contains("\n  lock mutex: 10,000 acquisitions, 9,435 contended, waited 13h57m15s in total, longest 1h02m05s\n"))
        #expect(text.contains("\nstatus: ok in 13h58m20s\n"))
    }

    @Test func itemsLeftAreGrouped() {
        var report = Fixtures.lockCounter
        report.queues = [NamedValue(name: "jobs", value: 12_345)]
        #expect(TextSummaryRenderer().render(report, useColor: false).contains("\n  jobs: 12,345 items left\n"))
    }
}

/// Unfinished instances of one worker share a line: the summary stays short with a million.
@Suite("Summary of many unfinished instances")
struct ManyUnfinishedInstancesTests {
    @Test func instancesOfOneWorkerShareALine() {
        var report = Fixtures.named("lock-counter")
        report.instances = (1...100_000).map {
            InstanceReport(name: "w-\($0)", worker: "w", index: $0, isDaemon: false, status: .blocked)
        } + [InstanceReport(name: "ticker", worker: "ticker", index: 1, isDaemon: true, status: .stopped)]
        let text = TextSummaryRenderer().render(report, useColor: false)
        #expect(text.contains("  100,000 instances of w: blocked (w-1, w-2, w-3 … and 99,997 more)\n"), "\(text)")
        #expect(text.contains("  daemon ticker: stopped\n"))
        #expect(text.split(separator: "\n").count < 20)
    }
}
