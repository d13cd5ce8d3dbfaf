import ScenarioCompiler
import ScenarioRuntime
import Synchronization

/// Runs a scenario with one Swift `Task` per worker instance. Every blocking step is a
/// suspension built on the same state machines as the threads engine — `acquire`, `get`, `put`,
/// `wait` and `join` suspend the task until a primitive wakes it; `sleep` is a timer — and
/// never blocks a thread. `work` keeps the task's thread busy, as CPU-bound code in a coroutine
/// does.
public enum AsyncEngine {
    /// The runtime's name in reports.
    public static let name = "async"

    /// Where the tasks run.
    public enum Executor: String, Sendable, CaseIterable {
        /// asyncio's model: all tasks on one event-loop thread, switching only where one waits.
        case loop
        /// Swift's cooperative thread pool: tasks run in parallel, one thread per core.
        case pool
    }

    public static func run(
        _ scenario: CompiledScenario, options: RunOptions = RunOptions(), executor: Executor = .loop
    ) async -> RunReport {
        let parkers = scenario.instances.map { _ in AsyncParker() }
        let session = RunSession(scenario: scenario, options: options, waker: AsyncWaker(parkers: parkers))
        let context = session.context
        let loop: LoopExecutor?
        let timers: TimerThread?
        let sleeper: any Sleeper
        switch executor {
        case .loop:
            let executor = LoopExecutor()
            (loop, timers, sleeper) = (executor, nil, executor)
        case .pool:
            let thread = TimerThread()
            (loop, timers, sleeper) = (nil, thread, thread)
        }
        let gate = executor == .pool ? AsyncGate() : nil
        let finished = Countdown(scenario.instances.count)
        // What every task needs, in one object, so that each task's closure holds two words.
        let shared = SharedByTasks(context: context, parkers: parkers, sleeper: sleeper, gate: gate, finished: finished)
        for instance in scenario.instances.indices {
            // The loop is not started yet: the tasks wait in its queue in declaration order, and
            // run in that order once it starts, as asyncio runs the tasks that gather made.
            Task(executorPreference: loop) {
                await shared.gate?.wait()
                // The run failed before it began (`begin`): no instance runs, as none started.
                guard shared.runs.load(ordering: .acquiring) else {
                    shared.finished.arrive()
                    return
                }
                await runInstance(
                    Interpreter(context: shared.context, instance: instance), parker: shared.parkers[instance],
                    sleeper: shared.sleeper)
                shared.finished.arrive()
            }
        }
        var ran = session.begin()
        shared.runs.store(ran, ordering: .releasing)
        if let loop, !loop.start() {
            ran = false
            session.failToStart("the system refused to start the event loop's thread")
        }
        if let timers, !timers.start() {
            ran = false
            session.failToStart("the system refused to start the timers' thread")
        }
        gate?.open()
        let outcome = await session.outcome()
        // The outcome set `stopping`: wake every waiting task and cut every sleep short.
        for parker in parkers { parker.unpark() }
        sleeper.wakeAll()
        await finished.wait()
        loop?.shutdown()
        timers?.shutdown()
        return session.end(outcome: outcome, ran: ran, runtime: name, executor: executor.rawValue)
    }

    /// One instance's task: the interpreter runs until it must wait, and the task suspends.
    private static func runInstance(_ interpreter: Interpreter, parker: AsyncParker, sleeper: any Sleeper) async {
        while true {
            switch interpreter.advance() {
            case .park:
                await parker.park()
            case .sleep(let deadline):
                // Cut short when the run ends; `advance` then sees that it is stopping.
                await sleeper.sleep(until: deadline)
            case .work(let end):
                interpreter.busyWork(until: end)
            case .yield:
                continue  // only when single-stepping, which this engine does not ask for
            case .finished, .stopped:
                return
            }
        }
    }
}

/// What every instance's task of one run uses.
private final class SharedByTasks: Sendable {
    let context: RunContext
    let parkers: [AsyncParker]
    let sleeper: any Sleeper
    let gate: AsyncGate?
    let finished: Countdown
    /// False when the run failed before it began; set before the loop or the gate lets any task run.
    let runs = Atomic<Bool>(true)

    init(context: RunContext, parkers: [AsyncParker], sleeper: any Sleeper, gate: AsyncGate?, finished: Countdown) {
        self.context = context
        self.parkers = parkers
        self.sleeper = sleeper
        self.gate = gate
        self.finished = finished
    }
}

/// Where a sleeping task waits for its time: the loop's own timers, or the pool's timer thread.
protocol Sleeper: Sendable {
    func sleep(until deadline: Int64) async
    /// Ends every sleep at once (the run is ending).
    func wakeAll()
}

extension LoopExecutor: Sleeper {}

extension TimerThread: Sleeper {}

/// Holds tasks on the cooperative pool until every instance's task exists, so that they all
/// start together, as the threads engine starts its threads.
///
/// `@unchecked Sendable`: `isOpen` and `waiting` are only touched with `mutex` held.
final class AsyncGate: @unchecked Sendable {
    private let mutex = PThreadMutex()
    private var isOpen = false
    private var waiting: [UnsafeContinuation<Void, Never>] = []

    func wait() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            mutex.lock()
            if isOpen {
                mutex.unlock()
                continuation.resume()
            } else {
                waiting.append(continuation)
                mutex.unlock()
            }
        }
    }

    func open() {
        let waiting = mutex.withLock {
            isOpen = true
            return self.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
