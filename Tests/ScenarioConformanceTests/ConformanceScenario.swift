import Foundation
import ScenarioCompiler
import ScenarioDiagnostics
import ScenarioValidation
import Testing

/// A scenario the suite runs on every engine: an example from `scenarios/` or one of this
/// target's own under `Scenarios/`.
struct ConformanceScenario: Sendable, CustomTestStringConvertible {
    /// Relative to the package root; runtime error locations use it.
    let path: String
    let text: String
    /// Marker lines kept here rather than in the file (the examples' comments are for learners).
    let extraMarkers: [String]

    var testDescription: String { path }

    /// The markers in the leading comments (before the first line that is neither a comment
    /// nor blank), with `extraMarkers`.
    func markers() throws -> ConformanceMarkers {
        let leading = text.split(separator: "\n", omittingEmptySubsequences: false).prefix {
            let line = $0.drop { $0 == " " }
            return line.isEmpty || line.hasPrefix("#")
        }
        return try ConformanceMarkers.parse(leading.map(String.init) + extraMarkers)
    }

    func compiled() throws -> CompiledScenario {
        let result = FrontEnd.check(Array(text.utf8), path: path)
        guard let validated = result.scenario else {
            throw DoesNotCompile(description: DiagnosticRenderer(source: result.source).render(result.diagnostics))
        }
        return Compiler.compile(validated, path: path)
    }

    struct DoesNotCompile: Error, CustomStringConvertible {
        var description: String
    }

    /// What may differ for the examples, which carry no markers of their own; a name that is not
    /// an example fails `theScenariosAreFound`.
    static let exampleMarkers: [String: [String]] = [
        "02-lock-counter.yaml": ["conformance: interleaving"],
        "04-rlock-semaphore-barrier.yaml": ["conformance: interleaving"],
        "05-thread-pool.yaml": ["conformance: timing"],  // which pool worker takes which task
        "07-async-semaphore.yaml": ["conformance: interleaving"],
        "09-dining-philosophers.yaml": ["conformance: interleaving"],
        "10-bounded-buffer.yaml": ["conformance: interleaving"],
        "11-lost-update.yaml": ["conformance: schedule-dependent"],  // lost updates, or none on the loop
        "12-reentrant-lock.yaml": ["conformance: interleaving"],
        "16-pool-futures.yaml": ["conformance: timing"],  // which task finishes first, and in which slot
    ]

    static let examples = load("scenarios", markers: exampleMarkers)
    static let own = load("Tests/ScenarioConformanceTests/Scenarios", markers: [:])
    static let all = examples + own

    private static func load(_ folder: String, markers: [String: [String]]) -> [ConformanceScenario] {
        let directory = packageRoot.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
                return nil  // theScenariosAreFound counts them
            }
            return ConformanceScenario(path: "\(folder)/\(name)", text: text, extraMarkers: markers[name] ?? [])
        }
    }
}

/// The package's root folder, found from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ScenarioConformanceTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()
