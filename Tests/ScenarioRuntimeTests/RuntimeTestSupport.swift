import Foundation
import ScenarioCompiler
import ScenarioDiagnostics
import ScenarioRuntime
import ScenarioThreads
import ScenarioValidation
import Testing

/// Problems before a scenario could run: the front end's rendered diagnostics.
struct ScenarioDoesNotCompile: Error, CustomStringConvertible {
    var description: String
}

/// Checks and compiles YAML text; fails the test (throws) when the front end finds an error.
func compileScenario(_ yaml: String, path: String = "test.yaml") throws -> CompiledScenario {
    let result = FrontEnd.check(Array(yaml.utf8), path: path)
    guard let validated = result.scenario else {
        throw ScenarioDoesNotCompile(description: DiagnosticRenderer(source: result.source).render(result.diagnostics))
    }
    return Compiler.compile(validated, path: path)
}

/// Runs YAML text on the threads runtime. The timeout is only a guard against a hang.
func runScenario(_ yaml: String, path: String = "test.yaml", speed: Double = 50, timeout: Double = 30) throws
    -> RunReport
{
    let compiled = try compileScenario(yaml, path: path)
    return ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: speed, timeout: timeout))
}

/// The text of the shared scenario `name` (without `.yaml`) in `Tests/Fixtures/runs`, which the
/// CLI tests run end to end too.
func sharedScenario(_ name: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("Tests/Fixtures/runs/\(name).yaml"), encoding: .utf8)
}

/// Runs the shared scenario `name` (see `sharedScenario(_:)`) like `runScenario(_:path:speed:timeout:)`.
func runScenario(shared name: String, path: String = "test.yaml", speed: Double = 50, timeout: Double = 30) throws
    -> RunReport
{
    try runScenario(sharedScenario(name), path: path, speed: speed, timeout: timeout)
}

extension RunReport {
    /// The index of the object with this name in `objects`.
    func objectIndex(_ name: String) -> Int32? {
        objects.firstIndex { $0.name == name }.map(Int32.init)
    }

    /// The index of the instance with this name in `instances`.
    func instanceIndex(_ name: String) -> Int32? {
        instances.firstIndex { $0.name == name }.map(Int32.init)
    }

    func instance(_ name: String) -> InstanceReport? {
        instances.first { $0.name == name }
    }

    func variable(_ name: String) -> Int? {
        variables.first { $0.name == name }?.value
    }

    /// The events concerning one object, in `seq` order.
    func events(on object: Int32) -> [Event] {
        events.filter { $0.object == object }
    }

    /// A short description for failure messages.
    var brief: String {
        var parts = ["status \(status.rawValue)"]
        if let error { parts.append("error \(error.message) at \(error.location)") }
        if let deadlock { parts.append("deadlock \(deadlock.summary)") }
        let failed = expectations.filter { !$0.ok }
        if !failed.isEmpty {
            parts.append("failed " + failed.map { "\($0.variable)=\($0.actual) (expected \($0.expected))" }.joined(separator: ", "))
        }
        parts.append("instances " + instances.map { "\($0.name):\($0.status.rawValue)" }.joined(separator: " "))
        return parts.joined(separator: "; ")
    }
}

/// A waker for tests that drive the monitor and the interpreter without an engine: nothing parks.
struct NoWaker: InstanceWaker {
    func wake(_ instance: Int) {}
}

/// The package's root folder, found from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ScenarioRuntimeTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

/// Every example scenario, by file name.
let exampleScenarioNames: [String] = {
    let folder = packageRoot.appendingPathComponent("scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
}()
