// Conformance: every runtime agrees.
//
// Every example in scenarios/ and every scenario in Scenarios/ here runs on every engine in
// `Engines.all`. On each engine the run must end with the status its markers give (`ok` unless
// marked) and keep the timeline invariants (`Invariants`); across engines the runs must agree
// on everything the scenario's markers do not let differ (`Agreement`).
//
// Markers are comment lines before the scenario's first key (for the examples, whose comments
// are written for learners, they are kept in `ConformanceScenario.exampleMarkers`):
//
//     # conformance: interleaving          which instance goes first may differ, so the values
//                                          in events may; each instance's steps agree
//     # conformance: timing                each instance's events may differ; status, final
//                                          variables, queues, expectations, deadlock agree
//     # conformance: schedule-dependent    final variables may differ too (lost updates); only
//                                          the status, the error and how each instance ended agree
//     # conformance: outcome-dependent     whether the expectations hold too: the status is ok on
//                                          some engines, expectation_failed on others
//     # conformance: ends STATUS           every engine ends with STATUS (a RunStatus raw value)
//     # conformance: ends error at L:C     ... with a runtime error at the step at line L, column C
//     # conformance: timeout SECONDS       the run's time-out (default 30 s, a guard against hangs)
//
// Unmarked, a scenario is deterministic: status, error, instance ends, variables, queues,
// expectations, deadlock and the multiset of per-instance event sequences (kind, object and
// value; not the time, and not `block`, which says only that an instance had to wait this time)
// are the same on every engine. A marker the parser does not know, or a label that looks like
// a misspelt `conformance:`, fails every test of that scenario.
import ScenarioRuntime
import Testing

@Suite("Conformance: every runtime agrees", .timeLimit(.minutes(2)))
struct ConformanceTests {
    @Test func theScenariosAreFound() throws {
        #expect(ConformanceScenario.examples.count >= 12)
        #expect(ConformanceScenario.own.count >= 12)
        let examples = Set(ConformanceScenario.examples.map { $0.path.split(separator: "/").last.map(String.init) })
        for name in ConformanceScenario.exampleMarkers.keys {
            #expect(examples.contains(name), "markers for \(name), which is not in scenarios/")
        }
    }

    /// On each engine: the status the markers give, the error where they say, and a timeline
    /// that keeps every invariant.
    @Test(arguments: ConformanceScenario.all, Engines.all)
    func endsAsMarkedAndKeepsTheInvariants(_ scenario: ConformanceScenario, _ engine: Engine) async throws {
        let markers = try scenario.markers()
        let report = try await ConformanceRuns.shared.report(scenario, on: engine)
        if markers.leeway == .outcomeDependent, markers.ends == .ok {
            #expect([.ok, .expectationFailed].contains(report.status), "\(report.brief)")
        } else {
            #expect(report.status == markers.ends, "\(report.brief)")
        }
        if let errorAt = markers.errorAt {
            #expect(report.error?.location == "\(scenario.path):\(errorAt)")
        }
        let violations = Invariants.violations(in: report, of: try scenario.compiled())
        #expect(violations.isEmpty, "\(violations.prefix(10))")
    }

    /// Across engines: the same outcome, within what the markers let differ.
    @Test(arguments: ConformanceScenario.all)
    func everyEngineAgrees(_ scenario: ConformanceScenario) async throws {
        let leeway = try scenario.markers().leeway
        guard let reference = Engines.all.first else { return }
        let expected = Agreement.aspects(of: try await ConformanceRuns.shared.report(scenario, on: reference), leeway: leeway)
        for engine in Engines.all.dropFirst() {
            let aspects = Agreement.aspects(of: try await ConformanceRuns.shared.report(scenario, on: engine), leeway: leeway)
            for (mine, theirs) in zip(expected, aspects) {
                if let difference = Agreement.difference(mine, theirs) {
                    Issue.record("\(engine.name) disagrees with \(reference.name) on \(difference)")
                }
            }
        }
    }
}

extension RunReport {
    /// A short description for failure messages.
    var brief: String {
        var parts = ["\(runtime)\(executor.map { "/\($0)" } ?? "") ended \(status.rawValue)"]
        if let error { parts.append("error \(error.message) at \(error.location)") }
        if let deadlock { parts.append("deadlock \(deadlock.summary)") }
        let failed = expectations.filter { !$0.ok }.map { "\($0.variable)=\($0.actual) (expected \($0.expected))" }
        if !failed.isEmpty { parts.append("failed " + failed.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
