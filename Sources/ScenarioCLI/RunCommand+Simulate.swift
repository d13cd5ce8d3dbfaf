import ArgumentParser
import Foundation
import ScenarioCompiler
import ScenarioDiagnostics
import ScenarioRendering
import ScenarioRuntime
import ScenarioSimulate
import ScenarioSyntax

/// `--seed`, `--strategy` and `--depth`: how the simulate runtime chooses who takes each step.
struct SimulationOptions: ParsableArguments {
    // Read as text, `.unconditional`: `--seed -1` is refused as out of range, not read as a
    // missing value, and a seed past 2^64-1 is told the range rather than "invalid".
    @Option(
        name: .customLong("seed"), parsing: .unconditional,
        help: ArgumentHelp("With --runtime simulate: the seed of the scheduler, 0 to 18446744073709551615; the same seed gives the same run (default 0).", valueName: "n"))
    var seedText: String?

    /// `--seed` as a number: nil when not given (and when not a seed, which `problem` refuses).
    var seed: UInt64? { seedText.flatMap { UInt64($0) } }

    @Option(help: "With --runtime simulate: random (any runnable instance, uniformly; the default) or pct (random priorities with depth-1 change points, for bugs that need a few preemptions at the right places).")
    var strategy: SimulationStrategy?

    // `.unconditional`: `--depth -1` is refused as too small, not read as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("With --strategy pct: the depth d, one more than the number of preemptions it aims at (default 3).", valueName: "d"))
    var depth: Int?

    @Option(help: ArgumentHelp("With --runtime simulate: follow the interleaving recorded in this timeline file (from any runtime's --timeline), and stop with a runtime error where the scenario cannot.", valueName: "timeline"))
    var replay: String?

    /// Whether any of these options was given.
    var isGiven: Bool { seedText != nil || strategy != nil || depth != nil || replay != nil }

    /// What the command line says, with the defaults; `timeout` is `--timeout`, in virtual seconds.
    func settings(timeout: Double?) -> SimulationSettings {
        SimulationSettings(
            seed: seed ?? 0, strategy: strategy ?? .random, depth: depth ?? SimulationSettings.defaultDepth, timeout: timeout)
    }

    /// Why these options cannot go with the runtime that runs the file, if they cannot.
    func problem(runtime: RuntimeKind) -> String? {
        if let seedText, UInt64(seedText) == nil {
            return "--seed must be a whole number from 0 to 18446744073709551615 (2^64-1), not '\(seedText)'"
        }
        if let depth, depth < 1 { return "--depth must be at least 1" }
        if let depth, depth > SimulationSettings.maximumDepth {
            return "--depth must be at most \(GroupedNumber.text(SimulationSettings.maximumDepth)): it is one more than the "
                + "preemptions pct aims at, and 2 to 5 find most bugs"
        }
        if depth != nil, strategy != .pct { return "--depth is the depth of --strategy pct; add --strategy pct" }
        if replay != nil, seedText != nil || strategy != nil {
            return "--replay follows the recorded run's schedule; leave out --seed and --strategy"
        }
        guard isGiven, runtime != .simulate else { return nil }
        let given = replay != nil ? "--replay" : seedText != nil ? "--seed" : strategy != nil ? "--strategy" : "--depth"
        return "\(given) chooses the simulator's schedule; it goes with --runtime simulate, not \(runtime.rawValue)"
    }
}

extension SimulationStrategy: ExpressibleByArgument {}

extension RunCommand {
    /// The report's `seed`, `strategy` and `depth` as the JSON stream writes them before the run.
    func simulationFields(_ runtime: RuntimeKind) -> (seed: UInt64?, strategy: String?, depth: Int?) {
        guard runtime == .simulate else { return (nil, nil, nil) }
        if simulation.replay != nil { return (nil, "replay", nil) }
        let settings = simulation.settings(timeout: nil)
        return (settings.seed, settings.strategy.rawValue, settings.strategy == .pct ? settings.depth : nil)
    }

    /// The command that runs this very simulation again: what a deadlock, a failed expectation or
    /// a runtime error under simulate prints, so that it can be replayed, shown and studied.
    func replayCommand(_ report: RunReport) -> String? {
        guard report.runtime == SimulateEngine.name, let seed = report.seed, let strategy = report.strategy else { return nil }
        switch report.status {
        case .deadlock, .expectationFailed, .error: break
        case .ok, .timeout, .interrupted: return nil
        }
        return replayCommand(seed: seed, strategy: strategy, depth: report.depth)
    }

    /// Why a simulated run timed out before its virtual time-out: the real-time guard stopped a
    /// loop that never let virtual time pass. Without it, "timeout in 0s (virtual time)" puzzles.
    func realTimeGuardNote(_ report: RunReport, realSeconds: Double) -> String? {
        guard report.runtime == SimulateEngine.name, report.status == .timeout,
            report.duration < timeoutOption ?? SimulationSettings.defaultTimeout
        else { return nil }
        return "the virtual clock stood still for \(DurationText.format(realSeconds)) of real time: an instance loops "
            + "without a sleep, and only a sleep or work moves virtual time; give the loop a sleep, mark its worker "
            + "'daemon: true', or raise --timeout (virtual and real seconds)"
    }

    /// The command that runs the simulation with this seed, strategy and depth again, with the
    /// other options that change what it does.
    func replayCommand(seed: UInt64, strategy: String, depth: Int?) -> String {
        var words = ["scenario", "run", Self.shellQuoted(file), "--runtime", "simulate", "--seed", String(seed), "--strategy", strategy]
        if let depth { words += ["--depth", String(depth)] }
        if speed != 1 { words += ["--speed", String(speed)] }
        if let timeoutOption { words += ["--timeout", String(timeoutOption)] }
        if let maxInstances = limits.maxInstances { words += ["--max-instances", String(maxInstances)] }
        return words.joined(separator: " ")
    }

    /// The simulator's settings, with the `--replay` file read (its problems printed as
    /// `FILE:LINE: error: …`, and exit code 2).
    func simulationSettings(_ compiled: CompiledScenario, console: Console) throws -> SimulationSettings {
        var settings = simulation.settings(timeout: timeoutOption)
        guard let path = simulation.replay else { return settings }
        do {
            settings.replay = try ReplayFile.read(path, for: compiled)
        } catch {
            console.err("\(error.description)\n")
            throw ExitStatus.invalid.exitCode
        }
        return settings
    }

    /// `text` as one word for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-./+,:=@%".unicodeScalars.contains($0)
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
