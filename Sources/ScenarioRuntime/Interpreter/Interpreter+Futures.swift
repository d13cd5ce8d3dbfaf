import ScenarioCompiler
import ScenarioSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pools and futures: a pooled instance waits for a slot, a finished task completes its future
/// before its `on_done` callback, and `as_completed`/`gather` wait for another worker's futures.
extension Interpreter {
    /// A pooled instance's first step: true once a slot took it (its `start` says which).
    func enterPool(_ pool: Int) throws(InstanceExit) -> Bool {
        guard case .pool(let state) = objects[pool] else {
            preconditionFailure("'pool' of '\(info.name)' is '\(name(pool))', which is not a pool")
        }
        var image: ProcessImage?
        let started = try attemptUntil(state, for: Wait(object: pool, need: .poolSlot), announced: false) { machine, _ in
            guard let slot = machine.start(instance) else { return false }
            // A process pool's task starts in the slot's process, with its copy of the variables.
            image = context.processes.image(pool: pool, slot: slot)
            if let image { processNumber = image.eventNumber }
            recordWithoutStep(.start, object: pool, value: .text("executor-\(slot)"))
            return true
        }
        if let image {
            process = image
            objects = image.objects
        }
        return started
    }

    /// Frees the instance's slot for the next queued task, at its very end (after its callback).
    func leavePool(_ pool: Int) {
        guard case .pool(let state) = objects[pool] else { return }
        context.wake(state.withLock { $0.finish(instance) })
    }

    /// The task is done: sets the future's result and wakes whoever waits for it.
    func complete(result: Operand?, at instruction: Instruction) throws(InstanceExit) {
        var computed = remoteResult
        if computed == nil, let result { computed = try value(of: result, at: instruction) }
        // The future completes in the parent, as the result of a process pool's task is sent back.
        leaveProcess()
        completeWorker(recording: .done, value: computed.map { EventValue.integer($0) } ?? .none, result: computed ?? 0)
    }

    /// Tells the worker's completion state machine that this instance finished (once).
    /// `kind` (`done`, or `finish` when the worker has no future to complete first) is recorded
    /// under the worker's mutex, as every primitive records its events: a `join` that had to wait
    /// (`block`) is then always before the event it waits for in `seq` order, and one that did not
    /// after it, which the replay relies on. Once completed, a later `finish` is recorded alone.
    /// For `done`, `result` is the future's value: the rank is taken with the event recorded, so
    /// that ranks follow the order of the `done` events in the timeline.
    func completeWorker(recording kind: EventKind, value: EventValue = .none, result: Int? = nil) {
        let object = switch kind {
        case .done: info.worker
        case .died: info.pool ?? -1
        default: -1
        }
        let recordIt = { self.record(kind, object: object, value: value) }
        let recordEvent = {
            if let result {
                _ = self.context.futures.complete(self.instance, value: result, recordDone: recordIt)
            } else {
                recordIt()
            }
        }
        guard !completedFuture else {
            recordEvent()
            return
        }
        completedFuture = true
        guard case .worker(let completion) = objects[info.worker] else {
            preconditionFailure("the worker of '\(info.name)' is not a worker object")
        }
        context.wake(
            completion.withLock { state in
                recordEvent()
                return state.finish(instance)
            })
    }

    /// `as_completed`/`gather` at `pc`: binds the next future, or returns false to park; when every
    /// future was handled, ends the loop (`pc` moves past `end`) and returns true.
    func nextFuture(_ worker: Int, inSubmissionOrder: Bool, end: Int) throws(InstanceExit) -> Bool {
        guard case .worker(let completion) = objects[worker] else {
            preconditionFailure("'as_completed' of '\(name(worker))', which is not a worker")
        }
        if futureLoops.last?.start != pc { futureLoops.append((start: pc, taken: 0, current: -1)) }
        let top = futureLoops.count - 1
        let taken = futureLoops[top].taken
        let instances = context.scenario.objects[worker].instances
        if taken >= instances.count {
            futureLoops.removeLast()
            pc = end  // `advance` steps past the loop's end
            return true
        }
        let next: Int? = try attempt(completion, for: Wait(object: worker, need: .worker)) { state, _ in
            if inSubmissionOrder {
                return state.join(by: instance) ? instances[taken] : nil
            }
            return state.completion(taken, awaitedBy: instance)
        }
        guard let next else { return false }
        // A task whose process died has no result: its body is not run for it, as a loop that
        // catches the error of `f.result()` would skip it.
        if context.futures.hasFailed(next) {
            futureLoops[top].taken += 1
            return try nextFuture(worker, inSubmissionOrder: inSubmissionOrder, end: end)
        }
        futureLoops[top].current = next
        return true
    }

    /// The end of an `as_completed`/`gather` body: on to the next future.
    func futureEnd(start: Int) {
        futureLoops[futureLoops.count - 1].taken += 1
        pc = start - 1  // `advance` steps on to `start`
    }

    /// The instance whose future `{result}` and `{future}` read: the innermost `as_completed`'s,
    /// else this instance's own (in its `on_done`).
    var handledFuture: Int { futureLoops.last?.current ?? instance }

    /// `{result}` and `{pid}`.
    func builtin(_ builtin: Builtin) -> Int {
        switch builtin {
        case .result: context.futures.value(handledFuture)
        case .pid: Int(process?.pid ?? context.processes.ownPID)
        }
    }
}
