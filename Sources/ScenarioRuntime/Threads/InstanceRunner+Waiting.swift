import ScenarioCompiler

/// The one way an instance waits for a primitive, whatever the primitive.
extension InstanceRunner {
    /// Calls `attempt` with the primitive's mutex held until it returns a value. When it returns
    /// nil, the state machine has queued this instance: the instance is reported blocked (a
    /// `block` event the first time), and parks until a waker makes it try again.
    /// `waitedSince` tells `attempt` when the instance first had to wait, if it did.
    func waitUntil<State, Result>(
        _ guarded: Guarded<State>.Handle, object: Int, isLock: Bool = false,
        _ attempt: (inout State, _ waitedSince: Int64?) -> Result?
    ) throws(InstanceExit) -> Result {
        var waitedSince: Int64?
        while true {
            var mayPark = false
            let result: Result? = guarded.withLock { state in
                if let result = attempt(&state, waitedSince) { return result }
                if waitedSince == nil {
                    waitedSince = monotonicNanoseconds()
                    record(.block, object: object)
                }
                mayPark = monitor.block(instance, on: object, isLock: isLock)
                return nil
            }
            if let result {
                // A stale wake-up can let an instance through before a waker marked it runnable.
                if waitedSince != nil { monitor.unblock(instance) }
                return result
            }
            guard mayPark else { throw .stop }
            parker.park()
            if monitor.isStopping { throw .stop }
        }
    }

    /// `waitUntil` for attempts that produce nothing but success.
    func waitFor<State>(
        _ guarded: Guarded<State>.Handle, object: Int, isLock: Bool = false,
        _ attempt: (inout State, _ waitedSince: Int64?) -> Bool
    ) throws(InstanceExit) {
        try waitUntil(guarded, object: object, isLock: isLock) { state, waitedSince in
            attempt(&state, waitedSince) ? () : nil
        }
    }

    func sleep(_ nanoseconds: Int64) throws(InstanceExit) {
        record(.sleep)
        let deadline = monotonicNanoseconds() + context.scaled(nanoseconds)
        while monotonicNanoseconds() < deadline {
            if monitor.isStopping { throw .stop }
            parker.park(until: deadline)
        }
        if monitor.isStopping { throw .stop }
        record(.wake)
    }

    /// Keeps a CPU busy without yielding, checking now and then whether the run is ending.
    func work(_ nanoseconds: Int64) throws(InstanceExit) {
        record(.work)
        let end = monotonicNanoseconds() + context.scaled(nanoseconds)
        var spins = 0
        while monotonicNanoseconds() < end {
            spins &+= 1
            if spins & 255 == 0, monitor.isStopping { throw .stop }
        }
    }
}
