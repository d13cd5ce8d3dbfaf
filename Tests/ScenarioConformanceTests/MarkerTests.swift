import ScenarioRuntime
import Testing

@Suite("Conformance markers")
struct MarkerTests {
    @Test func markersAreRead() throws {
        let markers = try ConformanceMarkers.parse([
            "# Some prose: with a colon", "# conformance: timing", "#conformance: ends error at 3:7",
            "# conformance: timeout 0.5",
        ])
        #expect(markers == ConformanceMarkers(leeway: .timing, ends: .error, errorAt: "3:7", timeout: 0.5))
        #expect(try ConformanceMarkers.parse(["# Teaches: locks"]) == ConformanceMarkers())
        #expect(try ConformanceMarkers.parse(["# conformance: outcome-dependent"]).leeway == .outcomeDependent)
    }

    static let report = RunReport(
        scenario: "s", runtime: "threads", status: .ok, duration: 0, variables: [], queues: [], expectations: [],
        instances: [], objects: [], deadlock: nil, error: nil, events: [], contention: [])

    /// Only an outcome-dependent scenario lets the status differ; every other leeway compares it.
    @Test func onlyAnOutcomeDependentScenarioLetsTheStatusDiffer() {
        for leeway in [Leeway.none, .interleaving, .timing, .scheduleDependent, .outcomeDependent] {
            let names = Agreement.aspects(of: Self.report, leeway: leeway).map(\.name)
            #expect(names.contains("status") == (leeway != .outcomeDependent), "\(leeway)")
        }
    }

    @Test(arguments: [
        "# conformence: timing",  // misspelt label
        "# Conformance: timing",
        "# conformance: timming",  // misspelt keyword
        "# conformance: schedule dependent",
        "# conformance: ends dead",
        "# conformance: ends ok at 3:7",
        "# conformance: timeout soon",
        "# conformance:",
    ])
    func aMisspeltMarkerIsAProblem(_ line: String) {
        #expect(throws: ConformanceMarkers.Problem.self) { try ConformanceMarkers.parse([line]) }
    }

    @Test func aSecondMarkerOfAKindIsAProblem() {
        #expect(throws: ConformanceMarkers.Problem.self) {
            try ConformanceMarkers.parse(["# conformance: timing", "# conformance: interleaving"])
        }
    }

    @Test func onlyTheLeadingCommentsCount() throws {
        let scenario = ConformanceScenario(
            path: "x.yaml", text: "# conformance: timing\n\nscenario: x\n# conformance: ends deadlock\n", extraMarkers: [])
        #expect(try scenario.markers() == ConformanceMarkers(leeway: .timing))
    }
}
