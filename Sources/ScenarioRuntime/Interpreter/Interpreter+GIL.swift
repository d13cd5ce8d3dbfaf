/// The GIL (`gil: true` or `--gil`): an instance takes it before a step, keeps it from step to
/// step, drops it when it blocks, sleeps, finishes or stops, and is made to drop it when another
/// has waited a switch interval for it, as CPython's "new GIL" does. A wait for the GIL is a
/// park like any other (the holder's release wakes the next waiter), but the monitor never
/// counts it as blocked: the holder always gives the GIL up, so such a wait is never stuck, and a
/// deadlock among the blocked instances, who all dropped it, is still found.
extension Interpreter {
    /// Before a step: true once this instance holds the GIL (dropping it first when the switch
    /// interval asks it to); false when it must park until a release hands it over.
    @inline(__always)
    func holdsGILForStep() -> Bool {
        guard let gil else { return true }
        if holdsGIL {
            let deadline = gil.dropDeadline
            guard deadline != .max else { return true }
            let now = context.clock.now
            guard now >= deadline else { return true }
            // A `work` that is done ends first (its `work_end` is part of the step).
            if let start = workSliceStart, now - start >= workLeft { return true }
            dropGIL(gil, forced: true)
        }
        return takeGIL(gil)
    }

    private func takeGIL(_ gil: GILObject) -> Bool {
        let acquired = gil.state.withLock { state in
            let now = context.clock.now
            switch state.machine.acquire(by: instance, now: now) {
            case .acquired:
                if let since = gilWaitedSince {
                    let (total, overflowed) = state.waited[instance].addingReportingOverflow(now - since)
                    state.waited[instance] = overflowed ? .max : total
                    record(.gilAcquire, value: .integer(Int(now - since)))
                }
                gil.publish(state.machine)
                return true
            case .mustWait:
                if gilWaitedSince == nil {
                    gilWaitedSince = now
                    record(.gilWait)
                }
                gil.publish(state.machine)
                return false
            }
        }
        if acquired {
            holdsGIL = true
            gilWaitedSince = nil
        }
        return acquired
    }

    /// Releases the GIL and wakes the waiter it goes to. `forced`: the switch interval made the
    /// holder drop it (a `gil_release` event); otherwise the block, sleep or finish says why.
    private func dropGIL(_ gil: GILObject, forced: Bool) {
        holdsGIL = false
        if let start = workSliceStart {
            // Made to drop it in the middle of a `work`: the slice so far counts, the wait will not.
            workLeft -= context.clock.now - start
            workSliceStart = nil
        }
        let next = gil.state.withLock { state in
            if forced { record(.gilRelease) }
            let next = state.machine.release(by: instance, now: context.clock.now)
            gil.publish(state.machine)
            return next
        }
        context.wake(next)
    }

    /// A task that starts in a pool process leaves the run's GIL: the process has a GIL of its
    /// own, which its one task at a time never waits for.
    func leaveGILForProcess() {
        guard let gil, holdsGIL else { return }
        dropGIL(gil, forced: false)
    }

    /// After `advance`: the holder keeps the GIL while it works or single-steps, and drops it when
    /// it waits, sleeps, finishes or stops, as a Python thread does around a blocking call.
    func keepOrDropGIL(_ suspension: Suspension) {
        guard let gil else { return }
        switch suspension {
        case .work, .yield: return
        case .park, .sleep, .finished, .stopped: dropGIL(gil, forced: false)
        }
    }

    /// A `work` step under the GIL: CPU time that counts only while the GIL is held, in slices
    /// that end where the holder must look whether a waiter asks it to drop the GIL (at most a
    /// switch interval apart). Returns when the current slice ends, or nil when the work is done.
    func workUnderGIL(_ nanoseconds: Int64) -> Int64? {
        guard let gil else { preconditionFailure("workUnderGIL without a GIL") }
        let now = context.clock.now
        if let start = workSliceStart {
            workLeft -= now - start
            workSliceStart = nil
        } else if !timed {
            _ = beginTimed(.work, nanoseconds)  // records `work` and marks the step begun
            workLeft = context.scaled(nanoseconds)
        }
        guard workLeft > 0 else {
            timed = false
            return nil
        }
        workSliceStart = now
        // The drop deadline is after now, or `holdsGILForStep` would have dropped the GIL.
        return min(now + workLeft, gil.dropDeadline, now + gil.interval)
    }
}
