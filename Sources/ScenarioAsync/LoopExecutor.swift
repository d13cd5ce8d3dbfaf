import ScenarioRuntime

/// asyncio's event loop as a Swift task executor: every task that prefers it runs on ONE thread,
/// one job at a time, in the order the jobs became ready. Tasks interleave only where one of
/// them suspends (a wait, a sleep), never in the middle of a stretch of steps, so unprotected
/// increments never lose updates here, and a `work` step holds up every other task.
///
/// It keeps its own timers, as asyncio's loop does: a sleeping task is a continuation in a heap,
/// resumed by the loop thread when its time comes, with no other thread involved.
///
/// `@unchecked Sendable`: `jobs`, `timers`, `idle` and `stopping` are only touched with `mutex`
/// held; `thread` is set once, before any job can run, and read by `shutdown` after.
final class LoopExecutor: TaskExecutor, @unchecked Sendable {
    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    private var jobs: [UnownedJob] = []
    private var timers = TimerHeap()
    /// The loop thread waits for jobs: an enqueue must signal it.
    private var idle = false
    private var stopping = false
    private var thread: OSThread?

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        mutex.lock()
        jobs.append(job)
        let wake = idle
        mutex.unlock()
        if wake { condition.signal() }
    }

    /// Suspends the calling task (which runs on this loop) until `deadline` (monotonic ns), or
    /// until `wakeAll`.
    func sleep(until deadline: Int64) async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            mutex.withLock { timers.insert(deadline: deadline, continuation) }
        }
    }

    /// Ends every sleep at once (the run is ending).
    func wakeAll() {
        let sleepers = mutex.withLock { timers.popDue(now: nil) }
        for sleeper in sleepers { sleeper.resume() }
    }

    /// Starts the loop's thread; the jobs enqueued so far run first, in order. False when the
    /// system refuses the thread.
    func start() -> Bool {
        thread = OSThread { [self] in loop() }
        return thread != nil
    }

    /// Runs what is left, then ends the loop's thread and waits for it.
    func shutdown() {
        mutex.withLock { stopping = true }
        condition.signal()
        thread?.join()
    }

    /// Each turn: the timers that are due make their tasks ready, then every ready job runs.
    private func loop() {
        let executor = asUnownedTaskExecutor()
        var batch: [UnownedJob] = []
        while true {
            mutex.lock()
            var due = timers.popDue(now: monotonicNanoseconds())
            while jobs.isEmpty, due.isEmpty, !stopping {
                idle = true
                if let earliest = timers.earliest {
                    _ = condition.wait(mutex, until: earliest)
                } else {
                    condition.wait(mutex)
                }
                idle = false
                due = timers.popDue(now: monotonicNanoseconds())
            }
            if jobs.isEmpty, due.isEmpty {
                mutex.unlock()
                return
            }
            swap(&batch, &jobs)
            mutex.unlock()
            // Resuming a sleeper enqueues its task's next job here: it runs on the next turn.
            for sleeper in due { sleeper.resume() }
            for job in batch { job.runSynchronously(on: executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
