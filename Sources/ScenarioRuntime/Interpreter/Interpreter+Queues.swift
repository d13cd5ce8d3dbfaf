import ScenarioCompiler

/// Queues, barriers and joins.
extension Interpreter {
    /// True once put; false when the instance must park and retry.
    func put(_ object: Int, value: EventValue?, at instruction: Instruction) throws(InstanceExit) -> Bool {
        let queue = queueHandle(object)
        let getter: Int?? = try attempt(queue, for: Wait(object: object, need: .queueRoom)) { state, _ in
            guard case .put(let item, let wake) = state.put(value, by: instance) else { return nil }
            record(.put, object: object, value: item)
            return .some(wake)
        }
        guard let getter else { return false }
        context.wake(getter)
        return true
    }

    /// True once an item was got (it is `item` now); false when the instance must park and retry.
    func get(_ object: Int) throws(InstanceExit) -> Bool {
        let queue = queueHandle(object)
        let got: (EventValue, Int?)? = try attempt(queue, for: Wait(object: object, need: .queueItem)) { state, _ in
            guard case .got(let item, let wake) = state.get(by: instance) else { return nil }
            record(.get, object: object, value: item)
            return (item, wake)
        }
        guard let got else { return false }
        item = got.0
        context.wake(got.1)
        return true
    }

    func taskDone(_ object: Int, at instruction: Instruction) throws(InstanceExit) {
        let queue = queueHandle(object)
        let action = queue.withLock { state in
            let action = state.taskDone()
            if case .done = action { record(.taskDone, object: object) }
            return action
        }
        switch action {
        case .done(let joiners):
            context.wake(joiners)
        case .tooMany:
            throw fail(
                "'task_done' on queue '\(name(object))' is called more times than items were put", at: instruction)
        }
    }

    func joinQueue(_ object: Int) throws(InstanceExit) -> Bool {
        let queue = queueHandle(object)
        return try attemptUntil(queue, for: Wait(object: object, need: .queueDone)) { state, _ in
            guard state.join(by: instance) else { return false }
            record(.join, object: object)
            return true
        }
    }

    func joinWorker(_ object: Int) throws(InstanceExit) -> Bool {
        guard case .worker(let completion) = objects[object] else {
            preconditionFailure("'join' of '\(name(object))' as a worker, which it is not")
        }
        return try attemptUntil(completion, for: Wait(object: object, need: .worker)) { state, _ in
            guard state.join(by: instance) else { return false }
            record(.join, object: object)
            return true
        }
    }

    /// Arrives at a barrier, then waits for its round to open: true once through, false when the
    /// instance must park and retry. The instance that completes a round records a `pass` for
    /// every party, under the barrier's mutex, so each round's waits and passes stay together in
    /// `seq` order.
    func wait(_ object: Int) throws(InstanceExit) -> Bool {
        guard case .barrier(let barrier) = objects[object] else {
            preconditionFailure("'wait' on '\(name(object))', which is not a barrier")
        }
        if barrierGeneration == nil {
            let arrival = barrier.withLock { state in
                let arrival = state.arrive(instance)
                record(.wait, object: object)
                if case .opened(_, let passing) = arrival {
                    for party in passing {
                        context.recorder.record(
                            instance: party, .pass, object: object, line: party == instance ? stepLine : waitLine(of: party, at: object))
                    }
                }
                return arrival
            }
            switch arrival {
            case .opened(_, let passing):
                context.wake(passing.filter { $0 != instance })
                return true
            case .mustWait(let generation):
                barrierGeneration = generation
            }
        }
        guard let generation = barrierGeneration else { preconditionFailure("a barrier wait without its round") }
        let passed = try attemptUntil(barrier, for: Wait(object: object, need: .barrier)) { state, _ in
            state.hasOpened(generation)
        }
        if passed { barrierGeneration = nil }
        return passed
    }

    /// The queue `object`, which validation made sure is one.
    private func queueHandle(_ object: Int) -> Guarded<QueueStateMachine>.Handle {
        guard case .queue(let queue) = objects[object] else {
            preconditionFailure("'\(name(object))' is used as a queue but is not one")
        }
        return queue
    }

    /// The line of the `wait` step at which another party waits for this barrier, for the `pass`
    /// the opener records for it: the first such step of its program (a worker that waits for one
    /// barrier at two steps gets the first one's line). Only a barrier's opening looks, once per
    /// waiting party, in programs of a few steps.
    private func waitLine(of party: Int, at object: Int) -> Int32 {
        let program = context.scenario.programs[context.scenario.instances[party].program]
        for instruction in program {
            if case .wait(let barrier) = instruction.operation, barrier == object { return instruction.line }
        }
        return 0
    }
}
