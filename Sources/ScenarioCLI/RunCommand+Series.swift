import Foundation
import ScenarioAsync
import ScenarioCompiler
import ScenarioRendering
import ScenarioRuntime
import ScenarioSimulate
import ScenarioSyntax
import ScenarioThreads

/// `scenario run FILE --runs N`: the scenario run N times, and the distribution of outcomes
/// printed instead of a timeline.
extension RunCommand {
    /// Runs the series and prints its result; throws the exit code when it is not 0.
    func runSeries(
        _ compiled: CompiledScenario, runtime: RuntimeKind, simulated: SimulationSettings?, runs: Int, console: Console,
        processes: (@Sendable () -> any ProcessTaskRunner)?
    ) async throws {
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        // Caught once for the whole series: between two runs, too, Ctrl-C stops it and what was
        // gathered is printed (see `InterruptScope`).
        let interruption = InterruptScope()
        let series = seriesPlan(
            compiled, runtime: runtime, simulated: simulated, runs: runs, jobs: jobs, interruption: interruption,
            processes: processes)
        let progress = console.errIsTerminal ? SeriesProgressLine(console: console) : nil
        var onProgress: (@Sendable (RunSeries.Progress) -> Void)?
        if let progress { onProgress = { progress.show($0) } }
        let result = await series.execute(interruption: interruption, onProgress: onProgress)
        interruption.end()
        progress?.clear()

        let info = SeriesInfo(
            scenario: compiled.title, runtime: runtime.engineName,
            executor: runtime == .async ? (executor ?? .loop).rawValue : nil, jobs: jobs)
        switch format {
        case .text:
            console.out(SeriesTextRenderer().render(result, info: info, useColor: color.enabled(terminal: console.outIsTerminal)))
        case .json:
            console.out(SeriesJSONRenderer().render(result, info: info))
        }
        let status = ExitStatus(result.status)
        if status != ExitStatus.ok { throw status.exitCode }
    }

    /// What makes each run of the series. Real runtimes repeat the run: no seed, no replay. The
    /// simulator runs consecutive seeds from `--seed`, each one replayable on its own.
    /// Each run keeps no events (nothing reads them), so memory stays flat however many runs.
    private func seriesPlan(
        _ compiled: CompiledScenario, runtime: RuntimeKind, simulated: SimulationSettings?, runs: Int, jobs: Int,
        interruption: InterruptScope, processes: (@Sendable () -> any ProcessTaskRunner)?
    ) -> RunSeries {
        var options = RunOptions(speed: speed, timeout: timeout)
        options.makeProcessRunner = processes
        options.keepsEvents = false
        options.gil = gil
        options.interruption = interruption
        let executor = self.executor ?? .loop
        guard runtime == .simulate, let simulated else {
            return RunSeries(runs: runs, jobs: jobs) { [options] _ in
                switch runtime {
                case .threads: await ThreadsEngine.run(compiled, options: options)
                case .async: await AsyncEngine.run(compiled, options: options, executor: executor)
                case .simulate: preconditionFailure("a simulated series is planned with its settings")
                }
            }
        }
        // Seeds wrap around past UInt64.max rather than trap: any seed is as good as another.
        let seed: @Sendable (Int) -> UInt64 = { simulated.seed &+ UInt64($0) }
        let strategy = simulated.strategy.rawValue
        let depth = simulated.strategy == .pct ? simulated.depth : nil
        let command = self  // the parsed options, a value
        return RunSeries(
            runs: runs, jobs: jobs,
            run: { [options] index in
                var settings = simulated
                settings.seed = seed(index)
                return await SimulateEngine.run(compiled, options: options, settings: settings)
            },
            seed: seed,
            replay: { command.replayCommand(seed: seed($0), strategy: strategy, depth: depth) })
    }

    /// Options that make no sense for a series, refused with the reason.
    func seriesProblem() -> String? {
        guard let runs else {
            return jobs == nil ? nil : "--jobs says how many runs of a series run at once; it goes with --runs"
        }
        if runs < 1 { return "--runs must be at least 1" }
        if let jobs, jobs < 1 { return "--jobs must be at least 1" }
        if timeline != nil { return "--runs prints the distribution of many runs, not a timeline; --timeline records one run, so leave out one of them" }
        for (option, path) in [("--trace", trace), ("--html", html), ("--svg", svg)] where path != nil {
            return "--runs prints the distribution of many runs; \(option) draws one run, so leave out one of them"
        }
        if all { return "--runs prints no timeline, so --all has nothing to show; leave it out" }
        if wide { return "--runs prints no timeline, so --wide has nothing to show; leave it out" }
        if simulation.replay != nil { return "--replay follows one recorded run, which every run of a series would repeat; leave out --runs" }
        return nil
    }
}
