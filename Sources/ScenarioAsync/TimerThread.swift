import ScenarioRuntime

/// Timers for tasks on the cooperative pool: a heap of sleeping tasks and one thread that
/// resumes each when its time comes. (`Task.sleep` on Linux arms a timer of its own per call:
/// about a second for 100,000 sleeping tasks.)
///
/// `@unchecked Sendable`: `timers`, `stopping` and `earliestWaited` are only touched with `mutex`
/// held; `thread` is set once by `start`, before any task sleeps, and read by `shutdown` after.
final class TimerThread: @unchecked Sendable {
    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    private var timers = TimerHeap()
    private var stopping = false
    /// The deadline the thread waits for (nil: none); a sooner timer must wake it.
    private var earliestWaited: Int64?
    private var thread: OSThread?

    func start() -> Bool {
        thread = OSThread(stackSize: 256 << 10) { [self] in loop() }
        return thread != nil
    }

    /// Suspends the calling task until `deadline` (monotonic ns), or until `wakeAll`.
    func sleep(until deadline: Int64) async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let sooner = mutex.withLock {
                timers.insert(deadline: deadline, continuation)
                return earliestWaited.map { deadline < $0 } ?? true
            }
            if sooner { condition.signal() }
        }
    }

    /// Ends every sleep at once (the run is ending).
    func wakeAll() {
        let sleepers = mutex.withLock { timers.popDue(now: nil) }
        for sleeper in sleepers { sleeper.resume() }
    }

    func shutdown() {
        mutex.withLock { stopping = true }
        condition.signal()
        thread?.join()
        wakeAll()
    }

    private func loop() {
        while true {
            mutex.lock()
            var due = timers.popDue(now: monotonicNanoseconds())
            while due.isEmpty, !stopping {
                earliestWaited = timers.earliest
                if let earliest = timers.earliest {
                    _ = condition.wait(mutex, until: earliest)
                } else {
                    condition.wait(mutex)
                }
                due = timers.popDue(now: monotonicNanoseconds())
            }
            earliestWaited = nil
            mutex.unlock()
            for sleeper in due { sleeper.resume() }
            if due.isEmpty { return }  // stopping, nothing due
        }
    }
}

/// Counts the instances' tasks down to zero and lets one waiter know. Unstructured tasks and
/// this count stand in for a task group: a group of 100,000 children spends most of a run
/// removing each child from its list when children finish out of order.
///
/// `@unchecked Sendable`: `remaining` and `waiter` are only touched with `mutex` held.
final class Countdown: @unchecked Sendable {
    private let mutex = PThreadMutex()
    private var remaining: Int
    private var waiter: UnsafeContinuation<Void, Never>?

    init(_ count: Int) { remaining = count }

    func arrive() {
        let done: UnsafeContinuation<Void, Never>? = mutex.withLock {
            remaining -= 1
            guard remaining == 0 else { return nil }
            defer { waiter = nil }
            return waiter
        }
        done?.resume()
    }

    /// Returns once every task has arrived.
    func wait() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            mutex.lock()
            if remaining == 0 {
                mutex.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                mutex.unlock()
            }
        }
    }
}
