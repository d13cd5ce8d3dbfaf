import Foundation
import ScenarioRuntime
import Testing

@testable import ScenarioRendering

@Suite struct JSONReportRendererTests {
    static let keys: Set<String> = [
        "scenario", "runtime", "executor", "seed", "strategy", "depth", "status", "duration", "variables", "queues",
        "expectations", "workers", "deadlock",
        "error", "events",
    ]

    @Test(arguments: ["lock-counter", "deadlock", "runtime-error"])
    func matchesGolden(name: String) throws {
        try expectGolden(JSONReportRenderer().render(Fixtures.named(name)), "\(name).json")
    }

    private func parse(_ report: RunReport) throws -> [String: Any] {
        let text = JSONReportRenderer().render(report)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test(arguments: Fixtures.names)
    func parsesWithExactlyTheRequiredKeys(name: String) throws {
        let report = Fixtures.named(name)
        let json = try parse(report)
        #expect(Set(json.keys) == Self.keys)
        #expect(json["status"] as? String == report.status.rawValue)
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.count == report.events.count)
        let workers = try #require(json["workers"] as? [[String: Any]])
        #expect(workers.map { $0["name"] as? String } == report.instances.map(\.name))
    }

    @Test func eventsCarryObjectAndValueOnlyWhereTheyApply() throws {
        let events = try #require(try parse(Fixtures.runtimeError)["events"] as? [[String: Any]])
        #expect(Set(events[0].keys) == ["seq", "t", "worker", "event"])
        #expect(events[2]["object"] as? String == "jobs")
        #expect(events[2]["value"] as? String == "job \"1\"\n")
        #expect(events[3]["value"] as? Int == 3)
        #expect(events[7]["object"] == nil)
        #expect((events[8]["t"] as? NSNumber)?.doubleValue == 0.00206)
    }

    @Test func deadlockExpectationUsesBooleansAndDeadlockHasSummary() throws {
        let json = try parse(Fixtures.deadlock)
        let expectation = try #require((json["expectations"] as? [[String: Any]])?.first)
        #expect(expectation["expected"] as? Bool == true)
        #expect(expectation["actual"] as? Bool == true)
        #expect(expectation["ok"] as? Bool == true)
        let deadlock = try #require(json["deadlock"] as? [String: Any])
        #expect(deadlock["summary"] as? String == Fixtures.deadlock.deadlock?.summary)
        #expect((deadlock["cycle"] as? [String])?.count == 2)
        let worker = try #require((json["workers"] as? [[String: Any]])?.first)
        #expect(worker["waiting_for"] as? String == "lock right, held by second")
        #expect(json["error"] is NSNull)
    }

    @Test func errorAndQueuesAreObjects() throws {
        let json = try parse(Fixtures.runtimeError)
        let error = try #require(json["error"] as? [String: Any])
        #expect(error["location"] as? String == "queue.yaml:14:11")
        #expect((json["queues"] as? [String: Any])?["jobs"] as? Int == 1)
        #expect(json["deadlock"] is NSNull)
        #expect(json["scenario"] as? String == "queue \"with\" error")
    }

    @Test func emptyTimelineIsAnEmptyArray() throws {
        var report = Fixtures.lockCounter
        report.events = []
        #expect(try (parse(report)["events"] as? [Any])?.isEmpty == true)
    }

    @Test func streamedChunksEqualRenderedText() throws {
        var chunks: [[UInt8]] = []
        try JSONReportRenderer().write(Fixtures.longRun, chunkSize: 1_000) { chunks.append($0) }
        #expect(chunks.count > 10)
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == JSONReportRenderer().render(Fixtures.longRun))
    }

    @Test(arguments: [
        (Int64(0), "0"), (12_000, "0.000012"), (1, "0.000000001"), (1_500_000_000, "1.5"), (3_000_000_000, "3"),
        (-250_000_000, "-0.25"), (123_456_789_012, "123.456789012"),
    ])
    func secondsAreDecimalsWithoutExponent(nanoseconds: Int64, expected: String) {
        var out = JSONBytes()
        out.appendSeconds(nanoseconds: nanoseconds)
        #expect(out.string == expected)
    }

    @Test func durationRoundsToNanoseconds() {
        var out = JSONBytes()
        out.appendSeconds(1e-10)
        out.append(",")
        out.appendSeconds(.nan)
        out.append(",")
        out.appendSeconds(2.000_000_000_4)
        #expect(out.string == "0,0,2")
    }

    @Test(arguments: [0, 7, 10, -1, 1_234_567, Int.max, Int.min])
    func integersMatchSwift(value: Int) {
        var out = JSONBytes()
        out.appendInt(value)
        #expect(out.string == String(value))
    }
}
