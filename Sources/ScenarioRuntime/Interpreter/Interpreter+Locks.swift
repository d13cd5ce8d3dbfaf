import ScenarioCompiler

/// `acquire`, `release` and `with` on locks, rlocks and semaphores.
extension Interpreter {
    /// True once acquired; false when the instance must park and retry.
    func acquire(_ object: Int, at instruction: Instruction) throws(InstanceExit) -> Bool {
        switch objects[object] {
        case .lock(let box):
            // Single-stepping, nobody else runs meanwhile: spinning could only waste time.
            // Under the GIL, the holder cannot run while this instance holds the GIL: no spinning either.
            if waitedSince == nil, !singleStep, gil == nil { spinWhileHeld(box) }
            return try attemptUntil(box.state, for: Wait(object: object, need: .lock)) { state, waitedSince in
                guard case .acquired = state.machine.acquire(by: instance) else { return false }
                box.owner.publish(instance)
                state.stats.count(waitedSince: waitedSince, now: context.clock.now)
                record(.acquire, object: object)
                return true
            }
        case .semaphore(let semaphore):
            return try attemptUntil(semaphore, for: Wait(object: object, need: .semaphore)) { state, waitedSince in
                guard case .acquired = state.machine.acquire(by: instance) else { return false }
                state.stats.count(waitedSince: waitedSince, now: context.clock.now)
                record(.acquire, object: object)
                return true
            }
        default:
            preconditionFailure("'acquire' of '\(name(object))', which is not a lock, rlock or semaphore")
        }
    }

    /// Busy-waits a moment while another instance holds the lock: critical sections are usually
    /// far shorter than parking and waking a thread, and the holder is often running on the other
    /// core. Bounded, so that a holder that sleeps or was preempted costs only a microsecond or so.
    /// (No `sched_yield`: with more threads than cores it switches threads, which costs more.)
    @inline(__always)
    private func spinWhileHeld(_ lock: LockHandle) {
        var spins = 0
        while spins < Self.spinLimit {
            let owner = lock.owner.load()
            if owner < 0 || owner == instance { return }
            spins += 1
        }
    }

    static let spinLimit = 200

    func release(_ object: Int, at instruction: Instruction) throws(InstanceExit) {
        switch objects[object] {
        case .lock(let box):
            let action = box.state.withLock { state in
                let action = state.machine.release(by: instance)
                switch action {
                case .released:
                    box.owner.publish(-1)
                    record(.release, object: object)
                case .stillHeld:
                    record(.release, object: object)
                case .notLocked, .notOwner:
                    break
                }
                return action
            }
            switch action {
            case .released(let waiter):
                context.wake(waiter)
            case .stillHeld:
                break
            case .notLocked where box.isReentrant:
                // An rlock belongs to whoever acquired it: releasing it more often than it was
                // acquired is a release by an instance that does not hold it.
                throw fail(
                    "'\(info.name)' releases rlock '\(name(object))', which is not held by '\(info.name)' "
                        + "(it is not held at all: more releases than acquisitions)", at: instruction)
            case .notLocked:
                throw fail("'\(info.name)' releases lock '\(name(object))', which is not locked", at: instruction)
            case .notOwner(let owner):
                throw fail(
                    "'\(info.name)' releases rlock '\(name(object))', which is held by "
                        + "'\(context.scenario.instances[owner].name)', not by '\(info.name)'", at: instruction)
            }
        case .semaphore(let semaphore):
            // Releasing is never refused (as in Python), but the count of permits must not wrap around.
            let (released, waiter): (Bool, Int?) = semaphore.withLock { state in
                guard state.machine.permits < Int.max else { return (false, nil) }
                record(.release, object: object)
                return (true, state.machine.release(by: instance))
            }
            guard released else {
                throw fail(
                    "'\(info.name)' releases semaphore '\(name(object))' past the largest number of permits "
                        + "(\(Int.max))", at: instruction)
            }
            context.wake(waiter)
        default:
            preconditionFailure("'release' of '\(name(object))', which is not a lock, rlock or semaphore")
        }
    }
}
