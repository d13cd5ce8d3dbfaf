import ScenarioAsync
import Foundation
import ScenarioCompiler
import ScenarioProcesses
import ScenarioRuntime
import ScenarioSimulate
import ScenarioThreads
import Testing

/// A runtime the conformance suite checks: a name for the test list and how to run a scenario.
struct Engine: Sendable, CustomTestStringConvertible {
    let name: String
    let run: @Sendable (CompiledScenario, RunOptions) async -> RunReport

    var testDescription: String { name }
}

/// Every runtime a scenario must behave the same on. A new engine is checked by adding it here:
/// every conformance test runs over this list.
enum Engines {
    static let all: [Engine] = [
        Engine(name: "threads") { await ThreadsEngine.run($0, options: $1) },
        Engine(name: "async-loop") { await AsyncEngine.run($0, options: $1, executor: .loop) },
        Engine(name: "async-pool") { await AsyncEngine.run($0, options: $1, executor: .pool) },
        // The simulator with a few schedules: each seed is another interleaving, the same every time;
        // its time-out counts virtual time.
        Engine(name: "simulate-random-0") { await SimulateEngine.run($0, options: $1, settings: SimulationSettings(seed: 0, timeout: $1.timeout)) },
        Engine(name: "simulate-random-7") { await SimulateEngine.run($0, options: $1, settings: SimulationSettings(seed: 7, timeout: $1.timeout)) },
        Engine(name: "simulate-pct-1") {
            await SimulateEngine.run($0, options: $1, settings: SimulationSettings(seed: 1, strategy: .pct, timeout: $1.timeout))
        },
    ]
}

/// Each (scenario, engine) pair runs once, however many tests look at its report: the agreement
/// test and the per-engine test share the runs.
actor ConformanceRuns {
    static let shared = ConformanceRuns()

    /// Fast runs: durations divided by 50; the time-out only guards against a hang, unless the
    /// scenario's markers set one.
    static let speed = 50.0
    static let timeout = 30.0

    private var runs: [String: Task<RunReport, any Error>] = [:]

    func report(_ scenario: ConformanceScenario, on engine: Engine) async throws -> RunReport {
        let key = scenario.path + "\u{0}" + engine.name
        if let run = runs[key] { return try await run.value }
        // High priority: the async pool engine's tasks inherit it. Swift Testing runs synchronous
        // tests (those that wait for the built binary) on the same cooperative pool, one thread per
        // core; at default priority, a stream of them could keep the run's tasks waiting for seconds,
        // past a short time-out, and the engines would seem to disagree.
        let run = Task(priority: .high) {
            let compiled = try scenario.compiled()
            let timeout = try scenario.markers().timeout ?? Self.timeout
            var options = RunOptions(speed: Self.speed, timeout: timeout)
            options.makeProcessRunner = try ProcessPoolBinary.runners(path: scenario.path, speed: Self.speed)
            return await engine.run(compiled, options)
        }
        runs[key] = run
        return try await run.value
    }
}

/// Process pools run in real child processes on the real runtimes, as from the command line:
/// the built `scenario` binary, found beside the test runner, is started again for them.
enum ProcessPoolBinary {
    static let url: URL? = {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL {
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent("scenario") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runners for the scenario file at `path`; a thrown error when the binary was not built.
    static func runners(path: String, speed: Double) throws -> @Sendable () -> any ProcessTaskRunner {
        guard let url else {
            throw ConformanceError("the 'scenario' executable was not found beside the tests; build it with `swift build --build-tests`")
        }
        let source = try String(contentsOfFile: path, encoding: .utf8)
        return { ChildProcessRunner(executable: url.path, path: path, source: source, speed: speed) }
    }
}

struct ConformanceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
