import ScenarioCompiler
import ScenarioSyntax

/// Runs one worker instance's program, one stretch at a time: `advance` executes instructions
/// until the instance must wait, sleep or work, finishes, or is stopped, and says which. An
/// engine decides how that happens — a parked OS thread, a suspended task — and calls `advance`
/// again. Every engine runs the same interpreter, so a scenario means the same on each.
///
/// Made and used by one thread or task at a time; the shared objects are `let` properties, which
/// the hot path borrows without reference counting.
///
/// Its own mutable fields are `@exclusivity(unchecked)`: the run-time exclusivity check on every
/// access to them was a tenth of the simulator's time. Safe because only the one thread or task
/// that runs the instance touches them (engines hand an interpreter from one thread or task to
/// the next only through a park/unpark or a task resumption, which orders the accesses), and no
/// access to one of them overlaps another: none is passed `inout` to code that reaches the others.
package final class Interpreter {
    /// Why `advance` returned.
    package enum Suspension: Sendable, Equatable {
        /// A primitive queued the instance: wait until the engine is asked to wake it (or the run
        /// stops), then call `advance` again, which retries.
        case park
        /// Sleeping until this time (monotonic ns): wait until then, or until the run stops.
        case sleep(until: Int64)
        /// Working until this time: keep the CPU busy until then (`busyWork(until:)`).
        case work(until: Int64)
        /// The program ended; the instance is finished.
        case finished
        /// The run is ending, or this step failed: the instance does nothing more.
        case stopped
        /// Single-stepping only (`RunContext.singleStep`): the instance took one step that touches
        /// shared state and stops before the next one, so that the engine may choose who goes next.
        /// It is still runnable: call `advance` again whenever. Other engines never see it.
        case yield
    }

    let context: RunContext
    let monitor: RunMonitor
    let recorder: EventRecorder
    /// The objects the steps see: the run's, or in a task of a process pool its process's copy
    /// of the variables (`ProcessImage`).
    @exclusivity(unchecked) var objects: [RuntimeObjects.Object]
    /// The pool process running this task, while it runs in one.
    @exclusivity(unchecked) var process: ProcessImage?
    /// `EventSlot.process` of the events this instance records now (0: the run's own process).
    @exclusivity(unchecked) var processNumber: UInt16 = 0
    /// Where the program stops: its end, or in a child process the instruction the task hands
    /// back to the parent at (its `complete`).
    @exclusivity(unchecked) var boundary: Int
    /// The result a child process computed for this task, for its `complete` in the parent.
    @exclusivity(unchecked) var remoteResult: Int?
    /// In a child process: `advance` stops at `boundary` and hands the task back to the parent.
    @exclusivity(unchecked) var handsBack = false
    /// The task's stretch in a child process, while it runs there.
    @exclusivity(unchecked) var remote: RemoteRun?
    let instance: Int
    let program: [Instruction]
    /// The instruction to execute next (or being retried, slept or worked).
    @exclusivity(unchecked) var pc = 0
    /// The enclosing `repeat`s, innermost last: the current 1-based round and the round count.
    @exclusivity(unchecked) var loops: [(round: Int, count: Int?)] = []
    /// The last value this instance got from a queue.
    @exclusivity(unchecked) var item: EventValue = .none
    /// What a `load` read, for the `add` that follows it: an increment is a read, then a write.
    @exclusivity(unchecked) var register = 0
    /// When the instance first had to wait for the current instruction, while it retries it.
    @exclusivity(unchecked) var waitedSince: Int64?
    /// The round a barrier wait is for, once the instance has arrived and waits for it to open.
    @exclusivity(unchecked) var barrierGeneration: Int?
    /// The item a `put` that had to wait puts when it retries (rendered and counted once).
    @exclusivity(unchecked) var pendingItem: EventValue?
    /// The current `sleep` or `work` has begun; `advance` ends it.
    @exclusivity(unchecked) var timed = false
    /// The enclosing `as_completed`/`gather` loops, innermost last: where each starts, how many
    /// futures it handled, and the instance whose future it handles now.
    @exclusivity(unchecked) var futureLoops: [(start: Int, taken: Int, current: Int)] = []
    /// The instance told its worker it finished (`complete`, before an `on_done`).
    @exclusivity(unchecked) var completedFuture = false
    /// Whether `advance` stops before every step that touches shared state (`RunContext.singleStep`).
    let singleStep: Bool
    /// The run's GIL, when it models one (`Interpreter+GIL.swift`).
    let gil: GILObject?
    /// Whether this instance holds the GIL.
    @exclusivity(unchecked) var holdsGIL = false
    /// When the instance began to wait for the GIL, while it waits.
    @exclusivity(unchecked) var gilWaitedSince: Int64?
    /// Under the GIL, a `work` step runs in slices: the work left, and when the current slice began.
    @exclusivity(unchecked) var workLeft: Int64 = 0
    @exclusivity(unchecked) var workSliceStart: Int64?
    /// Single-stepping: this call of `advance` has taken its one step.
    @exclusivity(unchecked) private var stepTaken = false
    @exclusivity(unchecked) var started = false
    /// Loop rounds, to check the time-out now and then.
    @exclusivity(unchecked) private var rounds = 0

    package init(context: RunContext, instance: Int) {
        self.context = context
        self.monitor = context.monitor
        self.recorder = context.recorder
        self.objects = context.objects.objects
        self.instance = instance
        self.program = context.scenario.programs[context.scenario.instances[instance].program]
        self.boundary = program.count
        self.singleStep = context.singleStep
        self.gil = context.gil
    }

    /// Records an event of this instance, made by the step at `pc` (none once the program ended).
    @inline(__always)
    func record(_ kind: EventKind, object: Int = -1, value: EventValue = .none) {
        recorder.record(instance: instance, kind, object: object, value: value, line: stepLine, process: processNumber)
    }

    /// The line of the step at `pc`, or 0 once the program ended.
    @inline(__always)
    var stepLine: Int32 { pc < program.count ? program[pc].line : 0 }

    /// Records an event that no step made (`start`).
    func recordWithoutStep(_ kind: EventKind, object: Int = -1, value: EventValue = .none) {
        recorder.record(instance: instance, kind, object: object, value: value, process: processNumber)
    }

    /// Executes instructions until the instance must wait, sleep or work, finishes, or stops.
    package func advance() -> Suspension {
        // Single-stepping, starting is a step of its own: others may go between an instance's
        // start and its first step, as between a thread's start and its first line.
        stepTaken = false
        if !started {
            started = true
            // A pooled instance starts when a slot takes it (`enterPool`, its first instruction).
            if case .enterPool = program.first?.operation {} else {
                recordWithoutStep(.start)
                stepTaken = singleStep
            }
        }
        let suspension: Suspension
        do {
            suspension = try execute()
        } catch {
            suspension = .stopped  // the run is ending, or the step failed: the monitor knows which
        }
        if holdsGIL { keepOrDropGIL(suspension) }
        return suspension
    }

    private func execute() throws(InstanceExit) -> Suspension {
        if let remote {
            if monitor.isStopping { throw .stop }
            // Woken while the task runs in its child process, or because it is done there.
            guard let outcome = remote.take() else { return .park }
            self.remote = nil
            if let end = try takeRemote(outcome) { return end }
        }
        while pc < boundary {
            if monitor.isStopping { throw .stop }
            let instruction = program[pc]
            if singleStep, instruction.isSchedulingPoint {
                // One step per call: the scheduler decides who takes the next one.
                if stepTaken { return .yield }
                stepTaken = true
            }
            // A step runs only with the GIL held, when the run models one.
            // (A task in a pool process runs under that process's own GIL, never contended; a
            // task takes it once it has a pool slot: waiting for one runs no Python code.)
            if gil != nil, process == nil, !instruction.isPoolEntry, !holdsGILForStep() { return .park }
            // A step that reads variables holds them still until its event is recorded.
            let readSet = instruction.readSet
            // The cells it holds are those of the process it reads in: a task's `complete` reads
            // its process's copy, then goes back to the parent's variables.
            var held: [RuntimeObjects.Object]?
            if readSet >= 0 {
                held = objects
                holdStill(readSet)
            }
            defer { if let held { letGo(readSet, in: held) } }
            switch instruction.operation {
            case .acquire(let object):
                guard try acquire(object, at: instruction) else { return .park }
            case .release(let object):
                try release(object, at: instruction)
            case .sleep(let nanoseconds):
                if let end = beginTimed(.sleep, nanoseconds) { return .sleep(until: end) }
                record(.wake)
            case .work(let nanoseconds):
                if gil != nil, process == nil {
                    if let end = workUnderGIL(nanoseconds) { return .work(until: end) }
                } else if let end = beginTimed(.work, nanoseconds) {
                    return .work(until: end)
                }
                record(.workEnd)
            case .load(let object):
                load(object)
            case .add(let object, let operand, let sign):
                try add(operand, sign: sign, to: object, at: instruction)
            case .set(let object, let operand):
                try set(object, to: operand, at: instruction)
            case .put(let object, let value):
                if pendingItem == nil, let value {
                    pendingItem = try render(context.scenario.putValues[value], at: instruction)
                }
                guard try put(object, value: pendingItem, at: instruction) else { return .park }
                pendingItem = nil
            case .get(let object):
                guard try get(object) else { return .park }
            case .taskDone(let object):
                try taskDone(object, at: instruction)
            case .joinQueue(let object):
                guard try joinQueue(object) else { return .park }
            case .joinWorker(let object):
                guard try joinWorker(object) else { return .park }
            case .wait(let object):
                guard try wait(object) else { return .park }
            case .log(let template):
                let line = try text(context.scenario.templates[template], at: instruction)
                try admit(line, at: instruction)
                record(.log, value: .text(line))
            case .loopStart(let count, let end):
                var times: Int?
                if let count { times = try value(of: count, at: instruction) }
                // No event says when the count was read: `read` events do, for a replay.
                if readSet >= 0 { recordReads(readSet) }
                if let times, times <= 0 {
                    pc = end + 1
                    continue
                }
                loops.append((round: 1, count: times))
            case .enterPool(let pool):
                guard try enterPool(pool) else { return .park }
                if process != nil { leaveGILForProcess() }
                if process != nil, let runner = context.processRunner {
                    startRemotely(runner)
                    return .park
                }
            case .exit(let status):
                return exit(status: status, at: instruction)
            case .complete(let result):
                try complete(result: result, at: instruction)
            case .callback:
                record(.callback, object: info.worker,
                    value: context.scenario.objects[info.worker].hasResult ? .integer(context.futures.value(instance)) : .none)
            case .nextFuture(let worker, let inSubmissionOrder, let end):
                guard try nextFuture(worker, inSubmissionOrder: inSubmissionOrder, end: end) else { return .park }
            case .futureEnd(let start):
                futureEnd(start: start)
            case .loopEnd(let start):
                // Instances looping without waiting that outnumber the cores can keep the engine's
                // thread from running for long after its time-out timer fired (a 1 s time-out ended
                // after 52 s with 5,000 of them): they watch the deadline themselves, now and then.
                // Only a loop runs for long, so its end is where to look.
                rounds &+= 1
                if rounds & 255 == 0 { monitor.timeOutIfDue(monotonicNanoseconds()) }
                let top = loops.count - 1
                if let count = loops[top].count, loops[top].round >= count {
                    loops.removeLast()
                } else if loops[top].round == Int.max {
                    // Only a `repeat: forever` gets here, after longer than any run may last.
                    throw fail("'\(info.name)' repeats more rounds than '{round}' can count (\(Int.max))", at: instruction)
                } else {
                    loops[top].round += 1
                    pc = start + 1
                    continue
                }
            }
            pc += 1
        }
        // A child process hands the task back to its parent here, even at the program's end:
        // the task finishes in the parent.
        if handsBack { return .finished }
        // Single-stepping, finishing is a step of its own too, as a thread's end is.
        if stepTaken { return .yield }
        leaveProcess()
        completeWorker(recording: .finish)
        if let pool = info.pool { leavePool(pool) }
        monitor.finish(instance)
        return .finished
    }

    /// Starts a `sleep` or `work` and returns when it ends, or returns nil when it has ended
    /// (the engine called `advance` again after waiting).
    func beginTimed(_ kind: EventKind, _ nanoseconds: Int64) -> Int64? {
        if timed {
            timed = false
            return nil
        }
        timed = true
        record(kind, value: .integer(Int(nanoseconds)))
        monitor.pause(instance, at: pc)
        return context.clock.now + context.scaled(nanoseconds)
    }

    /// Keeps a CPU busy until `end` without yielding, checking now and then whether the run is
    /// ending or is due to time out: busy instances that outnumber the cores can keep the engine's
    /// thread from running long after its time-out timer fired, so they watch the deadline themselves.
    package func busyWork(until end: Int64) {
        var spins = 0
        while true {
            if context.clock.now >= end { return }
            spins &+= 1
            if spins & 255 == 0 {
                monitor.timeOutIfDue(monotonicNanoseconds())
                if monitor.isStopping { return }
            }
        }
    }

    /// Whether the run is ending: a waiting instance checks it when it wakes.
    package var isStopping: Bool { monitor.isStopping }

    /// Stops the run with a runtime error that names the step.
    func fail(_ message: String, at instruction: Instruction) -> InstanceExit {
        monitor.fail(instance, message: message, location: context.scenario.describe(instruction.location))
        return .failed
    }

    func name(_ object: Int) -> String { context.scenario.objects[object].name }

    /// This instance as the compiler laid it out (its name, worker and index); looked up rather
    /// than kept, to keep each of a million interpreters small.
    var info: CompiledInstance { context.scenario.instances[instance] }
}

extension Instruction {
    var isPoolEntry: Bool { if case .enterPool = operation { true } else { false } }

    /// The step's line, as events carry it.
    var line: Int32 { Int32(truncatingIfNeeded: location.line) }

    /// Whether the step reads or changes what other instances see (a variable, a primitive, the
    /// timeline), so that a single-stepping engine lets others go before it: everything but the
    /// bookkeeping of a `repeat` whose count reads no variable.
    var isSchedulingPoint: Bool {
        switch operation {
        case .loopEnd: false
        case .loopStart: readSet >= 0
        default: true
        }
    }
}

/// Thrown inside an instance when it must stop: the run is ending, or the step failed.
enum InstanceExit: Error {
    case stop
    case failed
}
