import Foundation
import ScenarioCompiler
import ScenarioDiagnostics
import ScenarioRendering
import ScenarioRuntime
import ScenarioSimulate
import ScenarioValidation
import Testing

struct DoesNotCompile: Error, CustomStringConvertible {
    var description: String
}

func compile(_ yaml: String, path: String = "test.yaml") throws -> CompiledScenario {
    let result = FrontEnd.check(Array(yaml.utf8), path: path)
    guard let validated = result.scenario else {
        throw DoesNotCompile(description: DiagnosticRenderer(source: result.source).render(result.diagnostics))
    }
    return Compiler.compile(validated, path: path)
}

/// Runs YAML text on the simulator, keeping every event.
func simulate(_ yaml: String, seed: UInt64 = 0, strategy: SimulationStrategy = .random, depth: Int = 3, timeout: Double? = nil) throws -> RunReport {
    SimulateEngine.runBlocking(
        try compile(yaml), options: RunOptions(timeout: 60),
        settings: SimulationSettings(seed: seed, strategy: strategy, depth: depth, timeout: timeout))
}

extension RunReport {
    /// The timeline as a `--timeline` file has it.
    var jsonLines: String { TimelineJSONLinesWriter(report: self).render(events) }

    func value(of variable: String) -> Int? { variables.first { $0.name == variable }?.value }
}

/// Compares `actual` with `Golden/NAME`, or rewrites that file when `SCENARIO_RECORD_GOLDEN=1`.
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        .appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SCENARIO_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); run with SCENARIO_RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "differs from golden file \(name)", sourceLocation: sourceLocation)
}

/// Two unprotected increments: a read, then a write, each a step of its own.
let lostUpdate = """
    scenario: Lost update
    variables:
      counter: 0
    workers:
      adder:
        count: 2
        steps:
          - increment: counter
    expect:
      counter: 2
    """
