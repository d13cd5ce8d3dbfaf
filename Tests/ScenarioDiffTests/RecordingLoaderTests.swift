import Foundation
import ScenarioRendering
import ScenarioRuntime
import Testing

@testable import ScenarioDiff

@Suite struct RecordingLoaderTests {
    private func load(_ text: String) throws(DiffInputError) -> (Recording, DiffNames) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString).json").path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var names = DiffNames()
        let recording = try RecordingLoader.load(path, names: &names)
        return (recording, names)
    }

    private func loadError(_ text: String) -> DiffInputError? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error
        }
    }

    static let header = #"{"timeline":1,"scenario":"S","file":"s.yaml","runtime":"threads","executor":null,"instances":["a","b"],"objects":{"x":"variable","q":"queue"}}"#

    @Test func aTimelineWithAHeader() throws {
        let text = Self.header + "\n" + #"{"seq":0,"t":0.5,"worker":"b","event":"set","object":"x","value":4}"# + "\n"
        let (recording, names) = try load(text)
        #expect(recording.format == .timeline)
        #expect(recording.header?.instances == ["a", "b"])
        #expect(recording.runtime == "threads")
        #expect(recording.instances.map { names.instances.names[Int($0)] } == ["a", "b"])
        #expect(recording.events.count == 1)
        #expect(recording.variables == ["x": 4])
        #expect(recording.queues == ["q": 0])
        #expect(recording.status == nil)
    }

    @Test func aReportOneEventPerLineOrCompact() throws {
        let report = """
            {"scenario":"S","runtime":"async","executor":"loop","events":[
              {"seq":0,"t":0,"worker":"w","event":"put","object":"q","value":"job"},
              {"seq":1,"t":0,"worker":"w","event":"increment","object":"n","value":1}
            ],"status":"deadlock","duration":0.1,"variables":{"n":1},"queues":{"q":1},"expectations":[],
            "workers":[{"name":"w","status":"blocked"},{"name":"idle","status":"finished"}],"deadlock":null,"error":null}
            """
        for text in [report, report.replacingOccurrences(of: "\n", with: "")] {
            let (recording, names) = try load(text)
            #expect(recording.format == .report)
            #expect(recording.status == "deadlock")
            #expect(recording.runtime == "async")
            #expect(recording.variables == ["n": 1])
            #expect(recording.queues == ["q": 1])
            #expect(recording.events.map(\.kind) == [.put, .increment])
            #expect(recording.instances.map { names.instances.names[Int($0)] } == ["w", "idle"])
        }
    }

    @Test(arguments: [
        ("{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"start\"}\nnot json\n", 2, "expected a JSON object: a timeline has one event per line, a report is one object"),
        ("{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"start\"}\n{\"seq\":1,\"t\":0,\"worker\":\"a\",\"event\":\"jump\"}\n", 2, "unknown event 'jump'"),
        ("{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"start\"}\n\n{\"seq\":1,\"t\":0,", 3, "unexpected end of the text inside an object"),
        ("{\"events\":[\n{\"seq\":0,\"t\":0,\"worker\":\"a\",\"event\":\"start\"},\n{\"seq\":1}\n]}", 3, "missing or invalid 't'"),
        ("{\"hello\":1}\n", 1, "neither a timeline event (no 'seq'), a timeline header nor a report (no 'events')"),
        ("  \n", 1, "empty file: neither a timeline nor a report"),
    ])
    func badInputSaysWhereAndWhat(text: String, line: Int, message: String) {
        let error = loadError(text)
        #expect(error?.line == line)
        #expect(error?.message == message)
    }

    @Test func aMissingFileSaysSo() {
        var names = DiffNames()
        #expect(throws: DiffInputError(path: "/nonexistent/run.jsonl", line: nil, message: "no such file")) {
            try RecordingLoader.load("/nonexistent/run.jsonl", names: &names)
        }
    }
}
