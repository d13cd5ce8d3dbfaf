import ScenarioCompiler

/// The one way an instance waits for a primitive, whatever the primitive.
extension Interpreter {
    /// Calls `attempt` with the primitive's mutex held. When it returns nil, the state machine
    /// has queued this instance: the instance is reported blocked (a `block` event the first
    /// time), and this returns nil, for `advance` to return `.park`; the engine calls `advance`
    /// again once woken, which calls this again. Throws when the run is ending (do not park).
    /// `waitedSince` tells `attempt` when the instance first had to wait, if it did.
    func attempt<State, Result>(
        _ guarded: Guarded<State>.Handle, for wait: Wait, announced: Bool = true,
        _ attempt: (inout State, _ waitedSince: Int64?) -> Result?
    ) throws(InstanceExit) -> Result? {
        var mayPark = false
        let result: Result? = guarded.withLock { state in
            // Retrying after a park: count as running again before the attempt, with the
            // primitive's mutex held. A wake-up left over from an earlier wait (a barrier
            // that opened before this instance parked leaves one) lets it retry before any
            // waker marked it runnable; were it still counted blocked while it takes the lock,
            // permit or item, the last other instance blocking meanwhile would make the monitor
            // see nobody running (or a lock cycle through it): a deadlock that is not one.
            // No-op when a waker already did it.
            if waitedSince != nil { monitor.unblockSelf(instance) }
            if let result = attempt(&state, waitedSince) { return result }
            if waitedSince == nil {
                waitedSince = context.clock.now
                // A task queued in a pool waits without a `block`: its `submit` already says so.
                if announced { record(.block, object: wait.object) }
            }
            mayPark = monitor.block(instance, on: wait, at: pc, since: waitedSince ?? 0)
            return nil
        }
        if let result {
            waitedSince = nil
            return result
        }
        guard mayPark else { throw .stop }
        return nil
    }

    /// `attempt` for attempts that produce nothing but success: true when done, false to park.
    func attemptUntil<State>(
        _ guarded: Guarded<State>.Handle, for wait: Wait, announced: Bool = true,
        _ body: (inout State, _ waitedSince: Int64?) -> Bool
    ) throws(InstanceExit) -> Bool {
        try attempt(guarded, for: wait, announced: announced) { state, waitedSince in body(&state, waitedSince) ? () : nil } != nil
    }
}
