/// For an engine that runs a pool's tasks on threads of the pool's own, as `ThreadPoolExecutor`
/// does, rather than one thread per task: a pool of `size` runs its tasks on `size` threads, each
/// running the task its slot holds to its end, then the task the pool gave that slot next. Which
/// task that is stays the pool state machine's decision (submission order), so the semantics are
/// those of every other engine.
extension RunContext {
    /// A pool with tasks, and how many threads run them (its size, or fewer when it has fewer tasks).
    package struct PoolThreads: Sendable {
        /// The pool's object ID.
        package let pool: Int
        /// One thread per slot, slots 1…`slots`.
        package let slots: Int
    }

    /// Every pool with at least one task.
    package var poolThreads: [PoolThreads] {
        objects.objects.indices.compactMap { id in
            guard case .pool(let state) = objects.objects[id] else { return nil }
            let slots = state.withLock { $0.slotsInUse }
            return slots > 0 ? PoolThreads(pool: id, slots: slots) : nil
        }
    }

    /// Marks every task without a slot as waiting for one, as if each had tried to start: a task
    /// that never starts before its slot is free must still count as blocked on the pool, for the
    /// deadlock analysis and the final states, and be woken (made runnable) when it gets a slot.
    /// Call once, after `RunSession.begin` and before any instance runs.
    package func queuePooledTasks() {
        let since = clock.now
        for (id, object) in objects.objects.enumerated() {
            guard case .pool(let state) = object else { continue }
            state.withLock { machine in
                for task in machine.parkQueued() {
                    // The instruction of a pooled task's first step, `enterPool`, is 0.
                    _ = monitor.block(task, on: Wait(object: id, need: .poolSlot), at: 0, since: since)
                }
            }
        }
    }

    /// The task that `slot` of `pool` runs now (started or not), or nil once the queue is empty.
    package func task(ofPool pool: Int, slot: Int) -> Int? {
        guard case .pool(let state) = objects.objects[pool] else {
            preconditionFailure("object \(pool) is not a pool")
        }
        return state.withLock { $0.holder(ofSlot: slot) }
    }
}
