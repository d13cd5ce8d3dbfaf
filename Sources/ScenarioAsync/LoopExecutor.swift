import ScenarioRuntime

/// asyncio's event loop as a Swift task executor: every task that prefers it runs on ONE thread,
/// one job at a time, in the order the jobs became ready. Tasks interleave only where one of
/// them suspends (a wait, a sleep), never in the middle of a stretch of steps, so unprotected
/// increments never lose updates here, and a `work` step holds up every other task.
///
/// `@unchecked Sendable`: `jobs`, `idle` and `stopping` are only touched with `mutex` held;
/// `thread` is set once, before any job can run, and read by `shutdown` after.
final class LoopExecutor: TaskExecutor, @unchecked Sendable {
    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    private var jobs: [UnownedJob] = []
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

    private func loop() {
        let executor = asUnownedTaskExecutor()
        var batch: [UnownedJob] = []
        while true {
            mutex.lock()
            while jobs.isEmpty, !stopping {
                idle = true
                condition.wait(mutex)
                idle = false
            }
            if jobs.isEmpty {
                mutex.unlock()
                return
            }
            swap(&batch, &jobs)
            mutex.unlock()
            for job in batch { job.runSynchronously(on: executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
