import Synchronization

/// Watches every instance of a run to decide when it ends: all non-daemon instances finished,
/// no instance able to go on (a deadlock), a wait-for cycle through locks, a runtime error, a
/// time-out or an interrupt. Only the slow paths come here (blocking, waking, finishing); an
/// uncontended acquire never does.
///
/// Lock order: a primitive's mutex may be held while calling the monitor, never the reverse.
final class RunMonitor: Sendable {
    enum Outcome: Sendable, Equatable {
        case completed
        case deadlock(cycle: [Int])
        /// `instance` is nil when the run itself failed (it could not start, or recorded too much),
        /// not one of its steps.
        case failed(instance: Int?, message: String, location: String)
        case timedOut
        case interrupted
    }

    enum InstanceState: Sendable, Equatable {
        case running
        case blocked(on: Int)
        case finished
    }

    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    /// What the monitor knows; only touched with `mutex` held, which is why it may be
    /// nonisolated(unsafe) in a Sendable class.
    private nonisolated(unsafe) var tally: Tally

    private struct Tally {
        var states: [InstanceState]
        /// Instances running, sleeping or working: neither blocked nor finished.
        var active: Int
        var nonDaemonsLeft: Int
        var outcome: Outcome?
    }
    private let isDaemon: [Bool]
    /// Set once an outcome is decided; instances poll it between steps and after every wake.
    let stopping = Atomic<Bool>(false)
    /// The owner of a lock object, read without its mutex for cycle checks.
    private let lockOwner: @Sendable (Int) -> Int?
    /// The instances that may release a lock they do not hold (a plain lock, with a `release`
    /// step of their own); empty for most locks.
    private let foreignReleasers: @Sendable (Int) -> [Int]
    /// When the run times out (monotonic ns); set by the engine before the instances start.
    private let deadline = Atomic<Int64>(.max)

    init(
        isDaemon: [Bool], lockOwner: @escaping @Sendable (Int) -> Int?,
        foreignReleasers: @escaping @Sendable (Int) -> [Int] = { _ in [] }
    ) {
        self.isDaemon = isDaemon
        self.tally = Tally(
            states: Array(repeating: .running, count: isDaemon.count), active: isDaemon.count,
            nonDaemonsLeft: isDaemon.filter { !$0 }.count)
        self.lockOwner = lockOwner
        self.foreignReleasers = foreignReleasers
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    func setDeadline(_ deadline: Int64) {
        self.deadline.store(deadline, ordering: .relaxed)
    }

    /// Decides `timedOut` once `now` is past the deadline. Instances that keep a CPU busy call
    /// this (in `work`, and every few hundred steps): when they outnumber the cores, the engine's
    /// thread, whose timer fired at the deadline, may wait for seconds before the scheduler runs
    /// it (30 s for 5,000 `work` instances and a 1 s time-out), and the run would go on all that time.
    func timeOutIfDue(_ now: Int64) {
        guard now >= deadline.load(ordering: .relaxed) else { return }
        mutex.withLock { decide(.timedOut) }
    }

    /// The instance is about to wait for `object`. Called with the object's mutex held, after the
    /// state machine queued the instance. Returns false when the run is ending (do not park).
    func block(_ instance: Int, on object: Int, isLock: Bool) -> Bool {
        mutex.withLock {
            if tally.states[instance] == .running { tally.active -= 1 }
            tally.states[instance] = .blocked(on: object)
            // Marked blocked even when the run is already ending: the state machine queued the
            // instance and its `block` is in the timeline, so it ends `blocked`, and is explained.
            // (Another instance may have decided the outcome just before this one took the
            // primitive's mutex; it used to be reported `stopped` then.)
            guard tally.outcome == nil else { return false }
            if isLock, let stuck = stuckOnLocks(from: instance),
                stuck.contains(where: { !isDaemon[$0] }) || aBlockedNonDaemonIsStuckOnLocks()
            {
                // Daemons stuck among themselves do not stop the run; a non-daemon stuck with them
                // does, including one that was already waiting behind them when their cycle formed.
                decide(.deadlock(cycle: stuck))
            } else if tally.active == 0 && tally.nonDaemonsLeft > 0 {
                decide(.deadlock(cycle: []))
            }
            return tally.outcome == nil
        }
    }

    /// A waker made `instance` runnable again (called before it is unparked).
    func unblock(_ instance: Int) {
        mutex.withLock {
            guard case .blocked = tally.states[instance] else { return }
            tally.states[instance] = .running
            tally.active += 1
        }
    }

    func finish(_ instance: Int) {
        mutex.withLock {
            if tally.states[instance] == .running { tally.active -= 1 }
            tally.states[instance] = .finished
            if !isDaemon[instance] { tally.nonDaemonsLeft -= 1 }
            if tally.nonDaemonsLeft == 0 {
                decide(.completed)
            } else if tally.active == 0 {
                decide(.deadlock(cycle: []))
            }
        }
    }

    func fail(_ instance: Int?, message: String, location: String) {
        mutex.withLock { decide(.failed(instance: instance, message: message, location: location)) }
    }

    func interrupt() {
        mutex.withLock { decide(.interrupted) }
    }

    /// Waits for the outcome, or decides `timedOut` at the deadline.
    func waitForOutcome() -> Outcome {
        let deadline = deadline.load(ordering: .relaxed)
        return mutex.withLock {
            while tally.outcome == nil {
                if !condition.wait(mutex, until: deadline), monotonicNanoseconds() >= deadline {
                    decide(.timedOut)
                }
            }
            return tally.outcome ?? .timedOut
        }
    }

    /// Each instance's state as the run ended.
    var finalStates: [InstanceState] { mutex.withLock { tally.states } }

    private func decide(_ result: Outcome) {
        guard tally.outcome == nil else { return }
        tally.outcome = result
        stopping.store(true, ordering: .relaxed)
        condition.broadcast()
    }

    /// Follows "waits for a lock held by" from `start`. When the chain runs into a cycle, every
    /// instance on it can never move again, unless an instance off the chain may still release one
    /// of its locks: returns them (`start` first). The owners read are stable: a blocked instance
    /// cannot release, and the locks that another instance could release are ruled out.
    private func stuckOnLocks(from start: Int) -> [Int]? {
        var path = [start]
        var locks: [Int] = []
        var current = start
        while path.count <= tally.states.count {
            guard case .blocked(let object) = tally.states[current], let owner = lockOwner(object) else { return nil }
            locks.append(object)
            if path.contains(owner) {
                // Python lets any thread release a plain Lock: a cycle through one that a live
                // instance may release (a lock used as a signal) can still break. The global rule
                // (nobody running) still catches it if that instance never does.
                let mayBreak = locks.contains { lock in
                    foreignReleasers(lock).contains { !path.contains($0) && tally.states[$0] != .finished }
                }
                return mayBreak ? nil : path
            }
            path.append(owner)
            current = owner
        }
        return nil
    }

    /// Whether a blocked non-daemon waits behind a lock cycle that nothing can break. Only asked
    /// when daemons alone are stuck in one, which is rare.
    private func aBlockedNonDaemonIsStuckOnLocks() -> Bool {
        tally.states.indices.contains { instance in
            guard !isDaemon[instance], case .blocked = tally.states[instance] else { return false }
            return stuckOnLocks(from: instance) != nil
        }
    }
}
