import Foundation
import ScenarioRuntime
import Testing

@testable import ScenarioRendering

@Suite struct TimelineJSONLinesTests {
    @Test func lineHasTheDocumentedShape() {
        let writer = TimelineJSONLinesWriter(instances: ["first"], objects: ["left", "q"])
        #expect(
            writer.line(for: Event(seq: 0, nanoseconds: 12_000, instance: 0, kind: .acquire, object: 0))
                == #"{"seq":0,"t":0.000012,"worker":"first","event":"acquire","object":"left"}"#)
        #expect(
            writer.line(for: Event(seq: 7, nanoseconds: 2_000_000_000, instance: 0, kind: .get, object: 1, value: .integer(-3)))
                == #"{"seq":7,"t":2,"worker":"first","event":"get","object":"q","value":-3}"#)
        #expect(
            writer.line(for: Event(seq: 8, nanoseconds: 1, instance: 0, kind: .taskDone, object: 1))
                == #"{"seq":8,"t":0.000000001,"worker":"first","event":"task_done","object":"q"}"#)
        #expect(
            writer.line(for: Event(seq: 9, nanoseconds: 0, instance: 0, kind: .log, value: .text("hi")))
                == #"{"seq":9,"t":0,"worker":"first","event":"log","value":"hi"}"#)
    }

    @Test func unknownIndicesAreWrittenAsNumbers() {
        let writer = TimelineJSONLinesWriter(instances: [], objects: [])
        #expect(
            writer.line(for: Event(seq: 0, nanoseconds: 0, instance: 4, kind: .release, object: 2))
                == ##"{"seq":0,"t":0,"worker":"#4","event":"release","object":"#2"}"##)
    }

    @Test(arguments: Fixtures.names)
    func fileRoundTrip(name: String) throws {
        let report = Fixtures.named(name)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes: [UInt8] = []
        try TimelineJSONLinesWriter(report: report).write(report.events) { bytes += $0 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == TimelineJSONLinesWriter(report: report).render(report.events))
        #expect(text.split(separator: "\n").count == report.events.count)
        #expect(try TimelineJSONLinesReader(report: report).events(contentsOfFile: path) == Array(report.events))
    }

    @Test func everyKindRoundTrips() throws {
        let events = EventKind.allCases.enumerated().map { index, kind in
            Event(seq: index, nanoseconds: Int64(index) * 123_456_789, instance: Int32(index % 2), kind: kind,
                  object: index % 3 == 0 ? -1 : 1, value: index % 2 == 0 ? .integer(index) : .text("v\(index)"))
        }
        let writer = TimelineJSONLinesWriter(instances: ["a", "b"], objects: ["x", "y"])
        let reader = TimelineJSONLinesReader(instances: ["a", "b"], objects: ["x", "y"])
        #expect(try reader.events(from: Data(writer.render(events).utf8)) == events)
    }

    @Test func smallChunksGiveTheSameBytes() throws {
        let report = Fixtures.longRun
        var chunks: [[UInt8]] = []
        try TimelineJSONLinesWriter(report: report).write(report.events, chunkSize: 1_000) { chunks.append($0) }
        #expect(chunks.count > 10)
        #expect(chunks.allSatisfy { $0.last == UInt8(ascii: "\n") })
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == TimelineJSONLinesWriter(report: report).render(report.events))
    }

    @Test func readerSkipsBlankLinesAndAcceptsAMissingFinalNewline() throws {
        let text = "\n{\"seq\":0,\"t\":0.5,\"worker\":\"a\",\"event\":\"start\"}\n\n{\"seq\":1,\"t\":1,\"worker\":\"a\",\"event\":\"finish\"}"
        let events = try TimelineJSONLinesReader(instances: ["a"], objects: []).events(from: Data(text.utf8))
        #expect(events == [
            Event(seq: 0, nanoseconds: 500_000_000, instance: 0, kind: .start),
            Event(seq: 1, nanoseconds: 1_000_000_000, instance: 0, kind: .finish),
        ])
    }

    @Test(arguments: [
        ("{\"seq\":0,\"t\":0,\"worker\":\"zed\",\"event\":\"start\"}", "unknown worker 'zed'"),
        ("{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"jump\"}", "unknown event 'jump'"),
        ("{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"get\",\"object\":\"nope\"}", "unknown object 'nope'"),
        ("{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"set\",\"value\":1.5}", "'value' must be an integer or a string"),
        ("{\"seq\":\"0\",\"t\":0,\"worker\":\"a\",\"event\":\"start\"}", "invalid 'seq': \"0\""),
        ("{\"seq\":1,\"worker\":\"a\",\"event\":\"start\"}", "missing or invalid 't'"),
        ("[1]", "expected a JSON object"),
        ("{nope", "not valid JSON: expected a key in quotes"),
        ("{\"seq\":1} 2", "not valid JSON: more after the JSON value"),
    ])
    func readerReportsTheLineOfABadEvent(line: String, message: String) {
        let text = "{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"start\"}\n" + line + "\n"
        #expect(throws: TimelineReadError(line: 2, message: message)) {
            try TimelineJSONLinesReader(instances: ["a"], objects: []).events(from: Data(text.utf8))
        }
    }

    static let header = TimelineHeader(
        scenario: "Counter", file: "counter.yaml", runtime: "async", executor: "loop", instances: ["a", "b"],
        objects: [ObjectInfo(name: "counter", kind: "variable"), ObjectInfo(name: "guard", kind: "lock"),
                  ObjectInfo(name: "a", kind: "worker")])

    @Test func headerLineHasTheDocumentedShape() {
        #expect(Self.header.line == #"""
            {"timeline":1,"scenario":"Counter","file":"counter.yaml","runtime":"async","executor":"loop","instances":["a","b"],"objects":{"counter":"variable","guard":"lock","a":"worker"}}

            """#)
        var simulated = Self.header
        simulated.executor = nil
        simulated.seed = 7
        simulated.strategy = "pct"
        simulated.depth = 3
        #expect(simulated.line.hasPrefix(#"{"timeline":1,"scenario":"Counter","file":"counter.yaml","runtime":"async","executor":null,"seed":7,"strategy":"pct","depth":3,"instances":"#))
    }

    @Test func readerSkipsTheHeaderAndReturnsIt() throws {
        var simulated = Self.header
        simulated.seed = 42
        simulated.strategy = "random"
        let text = simulated.line + #"{"seq":0,"t":0,"worker":"b","event":"acquire","object":"guard"}"# + "\n"
        let reader = TimelineJSONLinesReader(header: simulated)
        let file = try reader.read(from: Data(text.utf8))
        #expect(file.header == simulated)
        #expect(file.events == [Event(seq: 0, nanoseconds: 0, instance: 1, kind: .acquire, object: 1)])
        #expect(try reader.events(from: Data(text.utf8)) == file.events)
    }

    @Test func readerSkipsAnyLineWithoutSeq() throws {
        let text = #"{"note":"from another tool"}"# + "\n" + #"{"seq":0,"t":0,"worker":"a","event":"start"}"# + "\n"
        let file = try TimelineJSONLinesReader(instances: ["a"], objects: []).read(from: Data(text.utf8))
        #expect(file.header == nil)
        #expect(file.events == [Event(seq: 0, nanoseconds: 0, instance: 0, kind: .start)])
    }

    @Test func aHeaderFromALaterVersionIsRefused() {
        let text = #"{"timeline":2,"instances":[],"objects":{}}"# + "\n"
        #expect(throws: TimelineReadError(line: 1, message: "timeline header: version 2 is newer than this tool reads (1)")) {
            try TimelineJSONLinesReader(instances: [], objects: []).read(from: Data(text.utf8))
        }
    }
}
