import Foundation
import ScenarioRendering
import ScenarioRuntime
import Synchronization
import Testing

/// The report written as the run goes on is, byte for byte, the one made from the whole report.
@Suite("JSON report, streamed")
struct JSONReportStreamTests {
    @Test(arguments: Fixtures.names)
    func streamingWritesWhatTheWholeReportWould(name: String) throws {
        let report = Fixtures.named(name)
        let written = Mutex<[UInt8]>([])
        let stream = JSONReportStream(
            scenario: report.scenario, runtime: report.runtime, executor: report.executor,
            instances: report.instances.map(\.name), objects: report.objects.map(\.name)
        ) { chunk in written.withLock { $0 += chunk } }
        // In batches, as the runtime's streaming thread hands them over.
        let events = Array(report.events)
        for start in stride(from: 0, to: max(events.count, 1), by: 3) {
            stream.write(Array(events[start..<min(start + 3, events.count)]))
        }
        stream.finish(report)
        let streamed = String(decoding: written.withLock { $0 }, as: UTF8.self)
        #expect(streamed == JSONReportRenderer().render(report))
        #expect(try JSONSerialization.jsonObject(with: Data(streamed.utf8)) is [String: Any])
    }
}
