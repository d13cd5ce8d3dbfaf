import ScenarioCompiler
import Synchronization

/// Watches every instance of a run to decide when it ends: all non-daemon instances finished,
/// a blocked non-daemon that nothing can help any more (a deadlock, decided by `ProgressAnalysis`
/// within a millisecond or so of becoming true, even while other instances still run), a runtime
/// error, a time-out or an interrupt. Only the slow paths come here (blocking, waking, sleeping,
/// finishing); an uncontended acquire never does.
///
/// Lock order: a primitive's mutex may be held while calling the monitor, never the reverse.

package final class RunMonitor: Sendable {
    package enum Outcome: Sendable, Equatable {
        case completed
        /// `stuck`: the blocked instances that nothing could help any more when it was decided.
        case deadlock(stuck: [Int])
        /// `instance` is nil when the run itself failed (it could not start, or recorded too much),
        /// not one of its steps.
        case failed(instance: Int?, message: String, location: String)
        case timedOut
        case interrupted
    }

    typealias InstanceState = ScenarioRuntime.InstanceState

    private let mutex = PThreadMutex()
    private let condition = PThreadCondition()
    /// What the monitor knows; only touched with `mutex` held, which is why it may be
    /// nonisolated(unsafe) in a Sendable class. It goes without the run-time exclusivity check
    /// (`@exclusivity(unchecked)`), which cost more than the rest of `block`, and blocking and
    /// waking come here on every contended acquire: safe because no access to it overlaps another
    /// (none is held `inout` across a call that reaches `tally` again).
    @exclusivity(unchecked) private nonisolated(unsafe) var tally: Tally

    private struct Tally {
        var states: [InstanceState]
        /// The instruction each instance stands at, or one it passed: updated when it blocks,
        /// sleeps or works, which is all the progress analysis needs (an earlier position only
        /// promises more help, so a stale one never makes a false deadlock).
        var positions: [Int]
        /// When each blocked instance began to wait (on the run's clock).
        var blockedSince: [Int64]
        var nonDaemonsLeft: Int
        var blockedNonDaemons: Int
        var outcome: Outcome?
        /// Something changed that may leave a blocked non-daemon without help: the progress
        /// analysis is due.
        var analysisDue = false
        /// The engine's thread waits without a time limit short of the deadline: a change must
        /// wake it. (While it waits for the next analysis slot, it wakes on its own.)
        var waitingIdle = false
        /// The analysis is not run again before this time (monotonic ns), so that it costs the
        /// run at most a fifth of its time however many instances there are.
        var nextAnalysis: Int64 = 0
        /// Tasks whose process died (`noteDeath`).
        var deaths: [(instance: Int, message: String, location: String)] = []
    }
    private let isDaemon: [Bool]
    /// Whether each instance is blocked, as `tally.states` says, mirrored in atomics (written with
    /// `mutex` held) so that an instance retrying after a wake can tell without the mutex that a
    /// waker already unblocked it (see `unblockSelf`). `nonisolated(unsafe)`: the pointer never
    /// changes and the memory is atomics, freed in `deinit`.
    private nonisolated(unsafe) let blockedFlags: UnsafeMutablePointer<Atomic<Bool>>
    /// Set once an outcome is decided; instances poll it between steps and after every wake.
    let stopping = Atomic<Bool>(false)
    /// The owner of a lock object, read without its mutex.
    private let lockOwner: @Sendable (Int) -> Int?
    let analysis: ProgressAnalysis
    /// When the run times out (monotonic ns); set by the engine before the instances start.
    private let deadline = Atomic<Int64>(.max)

    init(scenario: CompiledScenario, lockOwner: @escaping @Sendable (Int) -> Int?) {
        let isDaemon = scenario.instances.map(\.isDaemon)
        self.isDaemon = isDaemon
        self.tally = Tally(
            states: Array(repeating: .running, count: isDaemon.count),
            positions: Array(repeating: 0, count: isDaemon.count),
            blockedSince: Array(repeating: 0, count: isDaemon.count),
            nonDaemonsLeft: isDaemon.filter { !$0 }.count, blockedNonDaemons: 0)
        self.lockOwner = lockOwner
        self.analysis = ProgressAnalysis(scenario)
        blockedFlags = .allocate(capacity: max(1, isDaemon.count))
        for instance in 0..<max(1, isDaemon.count) { (blockedFlags + instance).initialize(to: Atomic(false)) }
    }

    deinit {
        blockedFlags.deinitialize(count: max(1, isDaemon.count))
        blockedFlags.deallocate()
    }

    package var isStopping: Bool { stopping.load(ordering: .relaxed) }

    func setDeadline(_ deadline: Int64) {
        self.deadline.store(deadline, ordering: .relaxed)
    }

    /// Decides `timedOut` once `now` is past the deadline. Instances that keep a CPU busy call
    /// this (in `work`, and every few hundred steps): when they outnumber the cores, the engine's
    /// thread, whose timer fired at the deadline, may wait for seconds before the scheduler runs
    /// it (30 s for 5,000 `work` instances and a 1 s time-out), and the run would go on all that time.
    package func timeOutIfDue(_ now: Int64) {
        guard now >= deadline.load(ordering: .relaxed) else { return }
        mutex.withLock { decide(.timedOut) }
    }

    /// `unblock(instance)`, called by the instance itself as it retries after a park: skips the
    /// mutex when a waker already unblocked it, as one usually did (about one acquire in two
    /// under the simulator's random schedule). Only the instance marks itself blocked, so a
    /// `false` it reads stays false until it blocks again; a stale `true` only takes the mutex.
    @inline(__always)
    func unblockSelf(_ instance: Int) {
        if blockedFlags[instance].load(ordering: .relaxed) { unblock(instance) }
    }

    /// The instance is about to wait, at instruction `pc`. Called with the object's mutex held,
    /// after the state machine queued the instance. Returns false when the run is ending (do not park).
    /// `since` is when the instance began to wait for this step (on the run's clock), for the
    /// statistics of a wait that never ends.
    func block(_ instance: Int, on wait: Wait, at pc: Int, since: Int64 = 0) -> Bool {
        mutex.withLock {
            if tally.states[instance] == .finished { preconditionFailure("instance \(instance) blocks after it finished") }
            if !isDaemon[instance], tally.states[instance].wait == nil { tally.blockedNonDaemons += 1 }
            tally.states[instance] = .blocked(wait)
            blockedFlags[instance].store(true, ordering: .relaxed)
            tally.positions[instance] = pc
            tally.blockedSince[instance] = since
            // Marked blocked even when the run is already ending: the state machine queued the
            // instance and its `block` is in the timeline, so it ends `blocked` and is explained.
            // (Another instance may have decided the outcome just before this one took the
            // primitive's mutex; it used to be reported `stopped` then.)
            guard tally.outcome == nil else { return false }
            analysisIsDue()
            return true
        }
    }

    /// A waker made `instance` runnable again (called before it is unparked).
    func unblock(_ instance: Int) {
        mutex.withLock {
            guard tally.states[instance].wait != nil else { return }
            tally.states[instance] = .running
            blockedFlags[instance].store(false, ordering: .relaxed)
            if !isDaemon[instance] { tally.blockedNonDaemons -= 1 }
        }
    }

    /// The instance starts a `sleep` or `work` at instruction `pc`: it has passed every step
    /// before it, which may leave a blocked instance with nobody to help it.
    func pause(_ instance: Int, at pc: Int) {
        mutex.withLock {
            guard tally.outcome == nil, tally.positions[instance] != pc else { return }
            tally.positions[instance] = pc
            analysisIsDue()
        }
    }

    func finish(_ instance: Int) {
        mutex.withLock {
            if !isDaemon[instance], tally.states[instance].wait != nil { tally.blockedNonDaemons -= 1 }
            tally.states[instance] = .finished
            blockedFlags[instance].store(false, ordering: .relaxed)
            if !isDaemon[instance] { tally.nonDaemonsLeft -= 1 }
            if tally.nonDaemonsLeft == 0 {
                decide(.completed)
            } else {
                analysisIsDue()
            }
        }
    }

    /// A task's process died, and the run goes on: once it completes, its status is the first
    /// such failure, unless something decided the outcome otherwise (a deadlock, a time-out).
    func noteDeath(_ instance: Int, message: String, location: String) {
        mutex.withLock { tally.deaths.append((instance, message, location)) }
    }

    /// The instances whose process died, with what was said of each.
    var deaths: [(instance: Int, message: String, location: String)] { mutex.withLock { tally.deaths } }

    package func fail(_ instance: Int?, message: String, location: String) {
        mutex.withLock { decide(.failed(instance: instance, message: message, location: location)) }
    }

    package func interrupt() {
        mutex.withLock { decide(.interrupted) }
    }

    /// Waits for the outcome, or decides `timedOut` at the deadline. The thread that waits also
    /// runs the progress analysis when it is due, off the instances' paths: an instance that
    /// blocks only marks it due, so that blocking stays cheap however many instances there are.
    func waitForOutcome() -> Outcome {
        let deadline = deadline.load(ordering: .relaxed)
        return mutex.withLock {
            while tally.outcome == nil {
                let now = monotonicNanoseconds()
                if now >= deadline {
                    decide(.timedOut)
                } else if tally.analysisDue, now >= tally.nextAnalysis {
                    analyse(now: now)
                } else {
                    tally.waitingIdle = !tally.analysisDue
                    let until = tally.analysisDue ? min(deadline, tally.nextAnalysis) : deadline
                    _ = condition.wait(mutex, until: until)
                    tally.waitingIdle = false
                }
            }
            return tally.outcome ?? .timedOut
        }
    }

    /// Runs a due progress analysis now, on the calling thread: for an engine with no thread that
    /// waits for the outcome (the simulator, which decides itself how often, by counting steps),
    /// and for tests that drive the monitor without an engine. What it decides depends only on
    /// the instances' states and positions, never on the time.
    package func analyseIfDue() {
        mutex.withLock {
            if tally.analysisDue, tally.outcome == nil { analyse(now: monotonicNanoseconds()) }
        }
    }

    /// Decides `timedOut` now: for an engine whose time-out is not real time (the simulator's
    /// virtual clock reached it).
    package func timeOut() {
        mutex.withLock { decide(.timedOut) }
    }

    /// Nothing can run any more and no timer is pending, as an engine that schedules every step
    /// knows exactly: every blocked instance waits for ever, a deadlock when a non-daemon is among
    /// them. The analysis names the stuck ones when it sees them; otherwise every blocked one is.
    package func decideNothingCanMove() {
        mutex.withLock {
            guard tally.outcome == nil else { return }
            if tally.blockedNonDaemons > 0 { analyse(now: monotonicNanoseconds()) }
            guard tally.outcome == nil else { return }
            let blocked = tally.states.indices.filter { tally.states[$0].wait != nil }
            if blocked.contains(where: { !isDaemon[$0] }) { decide(.deadlock(stuck: blocked)) }
        }
    }

    /// The outcome, when one has been decided; never waits.
    package var decidedOutcome: Outcome? { mutex.withLock { tally.outcome } }

    /// Each instance's state as the run ended.
    var finalStates: [InstanceState] { mutex.withLock { tally.states } }

    /// When each instance blocked at the end of the run began to wait.
    var finalBlockedSince: [Int64] { mutex.withLock { tally.blockedSince } }

    /// Each instance's last known position as the run ended.
    var finalPositions: [Int] { mutex.withLock { tally.positions } }

    private func decide(_ result: Outcome) {
        guard tally.outcome == nil else { return }
        tally.outcome = result
        if result == .completed, let death = tally.deaths.first {
            tally.outcome = .failed(instance: death.instance, message: death.message, location: death.location)
        }
        stopping.store(true, ordering: .relaxed)
        condition.broadcast()
    }

    /// Marks the progress analysis due, if it can find anything, and wakes the waiting thread
    /// when it waits without a time limit.
    private func analysisIsDue() {
        guard tally.blockedNonDaemons > 0, !tally.analysisDue else { return }
        tally.analysisDue = true
        if tally.waitingIdle { condition.signal() }
    }

    /// A deadlock once a blocked non-daemon can never move again. Daemons stuck among
    /// themselves do not end the run; their non-daemons still may.
    private func analyse(now: Int64) {
        tally.analysisDue = false
        guard tally.blockedNonDaemons > 0 else { return }
        let states = tally.states
        let positions = tally.positions
        let stuck = analysis.stuck(states: states, position: { positions[$0] }, lockOwner: lockOwner)
        if stuck.contains(where: { !isDaemon[$0] }) {
            decide(.deadlock(stuck: stuck))
        }
        // At most every millisecond, and at most a fifth of the time: a run of 100,000 instances
        // that block and wake all the time must not spend it all on the analysis.
        let cost = monotonicNanoseconds() - now
        tally.nextAnalysis = now + max(1_000_000, 5 * cost)
    }
}
