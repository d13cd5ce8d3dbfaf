import Foundation
import ScenarioRuntime
import Testing

@testable import ScenarioRendering

@Suite struct JSONEscapingTests {
    static let awkward = [
        "plain", "", "quote \" and backslash \\", "line\nbreak\r\ttab", "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}",
        "emoji 🧵🔒 and é, 中文", "\u{2028}\u{2029}", "\\u0041 looks like an escape", "/slash/",
    ]

    @Test(arguments: awkward)
    func stringsRoundTripThroughJSONSerialization(text: String) throws {
        var out = JSONBytes()
        out.append("[")
        out.appendString(text)
        out.append("]")
        let parsed = try JSONSerialization.jsonObject(with: Data(out.bytes)) as? [String]
        #expect(parsed == [text])
    }

    @Test func escapesFollowRFC8259() {
        var out = JSONBytes()
        out.appendString("a\"b\\c\n\u{1}\u{1F}\u{8}\u{C}\r\t🧵")
        #expect(out.string == #""a\"b\\c\n\u0001\u001f\b\f\r\t🧵""#)
    }

    @Test(arguments: awkward)
    func awkwardNamesAndValuesRoundTripThroughJSONLines(text: String) throws {
        let instances = [text, "other"]
        let objects = ["before", text]
        let events = [
            Event(seq: 0, nanoseconds: 5, instance: 0, kind: .log, value: .text(text)),
            Event(seq: 1, nanoseconds: 6, instance: 1, kind: .put, object: 1, value: .text(text)),
        ]
        let writer = TimelineJSONLinesWriter(instances: instances, objects: objects)
        let reader = TimelineJSONLinesReader(instances: instances, objects: objects)
        #expect(try reader.events(from: Data(writer.render(events).utf8)) == events)
    }

    @Test func reportFieldsAreEscaped() throws {
        var report = Fixtures.deadlock
        report.scenario = "tab\there \"quoted\" 🔒"
        report.deadlock = DeadlockReport(waits: ["a\nb"], cycle: [])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONReportRenderer().render(report).utf8)) as? [String: Any])
        #expect(json["scenario"] as? String == report.scenario)
        #expect((json["deadlock"] as? [String: Any])?["summary"] as? String == "a\nb")
    }
}
