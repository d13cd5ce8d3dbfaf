import ScenarioCompiler

/// The one way an instance waits for a primitive, whatever the primitive.
extension InstanceRunner {
    /// Calls `attempt` with the primitive's mutex held until it returns a value. When it returns
    /// nil, the state machine has queued this instance: the instance is reported blocked (a
    /// `block` event the first time), and parks until a waker makes it try again.
    /// `waitedSince` tells `attempt` when the instance first had to wait, if it did.
    func waitUntil<State, Result>(
        _ guarded: Guarded<State>.Handle, for wait: Wait,
        _ attempt: (inout State, _ waitedSince: Int64?) -> Result?
    ) throws(InstanceExit) -> Result {
        var waitedSince: Int64?
        while true {
            var mayPark = false
            let result: Result? = guarded.withLock { state in
                // Retrying after a park: count as running again before the attempt, with the
                // primitive's mutex held. A wake-up left over from an earlier wait (a barrier
                // that opened before this instance parked leaves one) lets it retry before any
                // waker marked it runnable; were it still counted blocked while it takes the lock,
                // permit or item, the last other instance blocking meanwhile would make the monitor
                // see nobody running (or a lock cycle through it): a deadlock that is not one.
                // No-op when a waker already did it.
                if waitedSince != nil { monitor.unblock(instance) }
                if let result = attempt(&state, waitedSince) { return result }
                if waitedSince == nil {
                    waitedSince = monotonicNanoseconds()
                    record(.block, object: wait.object)
                }
                mayPark = monitor.block(instance, on: wait, at: position)
                return nil
            }
            if let result { return result }
            guard mayPark else { throw .stop }
            parker.park()
            if monitor.isStopping { throw .stop }
        }
    }

    /// `waitUntil` for attempts that produce nothing but success.
    func waitFor<State>(
        _ guarded: Guarded<State>.Handle, for wait: Wait,
        _ attempt: (inout State, _ waitedSince: Int64?) -> Bool
    ) throws(InstanceExit) {
        try waitUntil(guarded, for: wait) { state, waitedSince in
            attempt(&state, waitedSince) ? () : nil
        }
    }

    /// Sleeps for `nanoseconds` (the scenario's duration; `--speed` scales the wait, not the
    /// duration the `sleep` event carries).
    func sleep(_ nanoseconds: Int64) throws(InstanceExit) {
        record(.sleep, value: .integer(Int(nanoseconds)))
        monitor.pause(instance, at: position)
        let deadline = monotonicNanoseconds() + context.scaled(nanoseconds)
        while monotonicNanoseconds() < deadline {
            if monitor.isStopping { throw .stop }
            parker.park(until: deadline)
        }
        if monitor.isStopping { throw .stop }
        record(.wake)
    }

    /// Keeps a CPU busy without yielding, checking now and then whether the run is ending, or
    /// is due to time out: busy instances that outnumber the cores can keep the engine's thread
    /// from running long after its time-out timer fired, so they watch the deadline themselves.
    func work(_ nanoseconds: Int64) throws(InstanceExit) {
        record(.work, value: .integer(Int(nanoseconds)))
        monitor.pause(instance, at: position)
        let end = monotonicNanoseconds() + context.scaled(nanoseconds)
        var spins = 0
        while true {
            let now = monotonicNanoseconds()
            if now >= end { return }
            spins &+= 1
            if spins & 255 == 0 {
                monitor.timeOutIfDue(now)
                if monitor.isStopping { throw .stop }
            }
        }
    }
}
