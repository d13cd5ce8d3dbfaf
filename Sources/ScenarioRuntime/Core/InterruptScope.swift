/// Ctrl-C for a series of runs (`scenario run --runs N`): caught once for the whole series,
/// not run by run.
///
/// A run that handles Ctrl-C by itself (`RunOptions.handlesInterrupt`) catches SIGINT only while
/// it runs; between two runs of a series the signal would end the process, and with several
/// runs at once one run's end would not matter to the others. A scope catches SIGINT from
/// `init` to `end`: the runs that join it (`RunOptions.interruption`) are interrupted when it
/// comes, so is any run that joins it afterwards, and the series asks `isInterrupted` before
/// it starts another run.
public final class InterruptScope: Interruptible {
    private struct State: Sendable {
        var interrupted = false
        var members: [ObjectIdentifier: RunMonitor] = [:]
    }

    private let state = Guarded(State())

    /// Starts catching Ctrl-C.
    public init() {
        InterruptDispatcher.shared.register(self)
    }

    /// Whether Ctrl-C came (or `interrupt` was called).
    public var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// Stops catching Ctrl-C: SIGINT ends the process again once no run handles it either.
    public func end() {
        InterruptDispatcher.shared.unregister(self)
    }

    /// What Ctrl-C does: every run of the scope, present and future, stops as `interrupted`.
    public func interrupt() {
        let members = state.withLock { state in
            state.interrupted = true
            return Array(state.members.values)
        }
        for monitor in members { monitor.interrupt() }
    }

    /// A run joins the scope as its session starts; it is interrupted at once when Ctrl-C has
    /// already come, so that a run started just after it does not run to its end.
    func join(_ monitor: RunMonitor) {
        let interrupted = state.withLock { state in
            state.members[ObjectIdentifier(monitor)] = monitor
            return state.interrupted
        }
        if interrupted { monitor.interrupt() }
    }

    func leave(_ monitor: RunMonitor) {
        state.withLock { $0.members[ObjectIdentifier(monitor)] = nil }
    }
}
