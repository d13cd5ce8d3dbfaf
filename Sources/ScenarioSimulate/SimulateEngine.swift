import ScenarioCompiler
import ScenarioRuntime

/// Runs a scenario deterministically on one thread: every instance is an interpreter that the
/// simulator steps, one step that touches shared state at a time (an `increment` is two: the
/// read, then the write), choosing who goes next with a seeded generator of its own. Time is
/// virtual: a `sleep` or `work` takes none, the clock jumping to the next timer when nobody can
/// run. The same scenario, options and settings give the same timeline and report, byte for
/// byte, on any machine.
public enum SimulateEngine {
    /// The runtime's name in reports.
    public static let name = "simulate"

    /// Runs the scenario on a thread of its own; the calling task waits without holding a thread
    /// of Swift's cooperative pool.
    public static func run(
        _ scenario: CompiledScenario, options: RunOptions = RunOptions(), settings: SimulationSettings = SimulationSettings()
    ) async -> RunReport {
        await withCheckedContinuation { continuation in
            let driver = OSThread {
                continuation.resume(returning: runBlocking(scenario, options: options, settings: settings))
            }
            if let driver {
                // Nobody joins it: detached, it frees its stack when it ends (a series makes one per run).
                driver.detach()
            } else {
                continuation.resume(returning: runBlocking(scenario, options: options, settings: settings))
            }
        }
    }

    /// Runs the scenario on the calling thread.
    public static func runBlocking(
        _ scenario: CompiledScenario, options: RunOptions = RunOptions(), settings: SimulationSettings = SimulationSettings()
    ) -> RunReport {
        let instances = scenario.instances.count
        let timeout = settings.timeout ?? SimulationSettings.defaultTimeout
        if let script = settings.replay {
            return Replay.run(scenario, options: options, timeout: timeout, script: script)
        }
        var report: RunReport
        switch settings.strategy {
        case .random:
            report = Simulation(scenario, options: options, timeout: timeout)
                .run(choosingWith: RandomChooser(instances: instances, seed: settings.seed))
        case .pct:
            let chooser = PCTChooser(
                instances: instances, seed: settings.seed, depth: settings.depth,
                estimatedSteps: StepEstimate.of(scenario))
            report = Simulation(scenario, options: options, timeout: timeout).run(choosingWith: chooser)
            report.depth = settings.depth
        }
        report.seed = settings.seed
        report.strategy = settings.strategy.rawValue
        return report
    }
}
