import ScenarioAsync
import ScenarioSyntax
import ScenarioValidation

/// Where the GIL (`gil: true` or `--gil`) cannot go.
enum GILCheck {
    /// Why the run cannot model the GIL, or nil when it can (or models none): the async loop
    /// executor runs one task at a time on one thread already, so a GIL there would mean nothing.
    static func problem(
        scenario: ValidatedScenario, runtime: RuntimeKind, executor: AsyncEngine.Executor?, forced: Bool,
        replaying: Bool = false
    ) -> String? {
        let asked = forced || scenario.ast.gil.enabled?.value == true
        if asked, replaying {
            // The replay follows each instance's steps; who holds the GIL between them is decided
            // by the switch interval, which the replay does not reproduce yet.
            return "--replay cannot follow a run with the GIL yet (the GIL's hand-overs are not replayed); "
                + "replay a run without the GIL, or rerun the simulation with its --seed"
        }
        guard asked, runtime == .async, (executor ?? .loop) == .loop else { return nil }
        let source = forced ? "--gil" : "'gil: true'"
        return "\(source) models CPython's global interpreter lock, which the async runtime's loop executor "
            + "(the default) cannot: it runs one task at a time on one thread already, as asyncio does, so "
            + "there is no parallelism for a GIL to take away; add --executor pool, or use --runtime threads"
    }
}
