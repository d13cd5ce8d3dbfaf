import ScenarioCompiler

/// `acquire`, `release` and `with` on locks, rlocks and semaphores.
extension InstanceRunner {
    func acquire(_ object: Int, at instruction: Instruction) throws(InstanceExit) {
        switch context.objects.objects[object] {
        case .lock(let box):
            try waitFor(box.state, object: object, isLock: true) { state, waitedSince in
                guard case .acquired = state.machine.acquire(by: instance) else { return false }
                box.owner.store(instance, ordering: .releasing)
                state.stats.count(waitedSince: waitedSince)
                record(.acquire, object: object)
                return true
            }
        case .semaphore(let semaphore):
            try waitFor(semaphore, object: object) { state, waitedSince in
                guard case .acquired = state.machine.acquire(by: instance) else { return false }
                state.stats.count(waitedSince: waitedSince)
                record(.acquire, object: object)
                return true
            }
        default:
            return
        }
    }

    func release(_ object: Int, at instruction: Instruction) throws(InstanceExit) {
        switch context.objects.objects[object] {
        case .lock(let box):
            let action = box.state.withLock { state in
                let action = state.machine.release(by: instance)
                switch action {
                case .released:
                    box.owner.store(-1, ordering: .releasing)
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
            case .notLocked:
                throw fail("'\(info.name)' releases lock '\(name(object))', which is not locked", at: instruction)
            case .notOwner(let owner):
                throw fail(
                    "'\(info.name)' releases rlock '\(name(object))', which is held by "
                        + "'\(context.scenario.instances[owner].name)', not by '\(info.name)'", at: instruction)
            }
        case .semaphore(let semaphore):
            let waiter = semaphore.withLock { state in
                record(.release, object: object)
                return state.machine.release(by: instance)
            }
            context.wake(waiter)
        default:
            return
        }
    }
}
