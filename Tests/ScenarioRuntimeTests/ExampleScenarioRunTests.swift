import Foundation
import ScenarioRuntime
import Testing

/// Every example in scenarios/ meets its own `expect` on the threads runtime.
@Suite("Example scenarios run")
struct ExampleScenarioRunTests {
    @Test func theExamplesAreFound() {
        #expect(exampleScenarioNames.count >= 12, "found \(exampleScenarioNames)")
    }

    @Test(arguments: exampleScenarioNames)
    func meetsItsOwnExpectations(_ name: String) throws {
        let url = packageRoot.appendingPathComponent("scenarios").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let report = try runScenario(text, path: "scenarios/\(name)", speed: 50, timeout: 30)
        // An example about lost updates may lose one on real threads, as its comment says; one that
        // shows a runtime error says so (`# conformance: ends error`).
        let mayFail = text.contains("# conformance: outcome-dependent")
        let endsInError = text.contains("# conformance: ends error")
        #expect(report.status == (endsInError ? .error : .ok) || (mayFail && report.status == .expectationFailed), "\(report.brief)")
        #expect((report.error != nil) == endsInError)
        for expectation in report.expectations where !mayFail {
            #expect(expectation.ok, "\(expectation.variable): expected \(expectation.expected), got \(expectation.actual)")
        }
        let expectsDeadlock = report.expectations.contains { $0.isDeadlock && $0.expected == 1 }
        if expectsDeadlock {
            #expect(report.deadlock != nil)
            #expect(report.instances.contains { $0.status == .blocked })
        } else {
            #expect(report.deadlock == nil)
            // Every non-daemon instance got to its end (a failed one, where the run shows an error).
            for instance in report.instances where !instance.isDaemon {
                #expect(instance.status == .finished || (endsInError && instance.status == .failed), "\(instance.name) ended \(instance.status)")
            }
        }
        // Whatever happened, the timeline is numbered without gaps.
        for (index, event) in report.events.enumerated() where event.seq != index {
            Issue.record("event at \(index) has seq \(event.seq)")
            break
        }
    }
}
