import ScenarioCompiler
import ScenarioRuntime

/// Runs a scenario with one OS thread per worker instance (the tasks of a pool of N run on N
/// threads of the pool's own, one task after another) and real blocking primitives: an
/// instance that must wait parks its thread on a condition variable; a sleep is a timed park;
/// `work` keeps the thread's CPU busy. The operating system decides who runs next.
public enum ThreadsEngine {
    /// The runtime's name in reports.
    public static let name = "threads"

    /// Runs the scenario on threads of its own; the calling task waits without holding a thread
    /// of Swift's cooperative pool.
    public static func run(_ scenario: CompiledScenario, options: RunOptions = RunOptions()) async -> RunReport {
        await withCheckedContinuation { continuation in
            let driver = OSThread(stackSize: 256 << 10) { continuation.resume(returning: runBlocking(scenario, options: options)) }
            if let driver {
                driver.detach()
            } else {
                continuation.resume(returning: runBlocking(scenario, options: options))
            }
        }
    }

    /// Runs the scenario, blocking the calling thread until the report is ready.
    public static func runBlocking(_ scenario: CompiledScenario, options: RunOptions = RunOptions()) -> RunReport {
        let parkers = scenario.instances.map { _ in Parker() }
        let session = RunSession(scenario: scenario, options: options, waker: ParkerWaker(parkers: parkers))
        let gate = StartGate()
        let context = session.context
        var threads: [OSThread] = []
        var startFailure: String?
        // What each thread runs: an unpooled instance, or the tasks of one slot of a pool.
        var bodies: [(name: String, body: @Sendable () -> Void)] = []
        for (instance, info) in scenario.instances.enumerated() where info.pool == nil {
            let parker = parkers[instance]
            bodies.append((info.name, { _ = runInstance(Interpreter(context: context, instance: instance), parker: parker) }))
        }
        for pool in context.poolThreads {
            for slot in 1...pool.slots {
                bodies.append(("\(scenario.objects[pool.pool].name)-\(slot)", { runSlot(slot, of: pool.pool, context: context, parkers: parkers) }))
            }
        }
        threads.reserveCapacity(bodies.count)
        for (name, body) in bodies {
            let thread = threads.count < options.maximumThreads ? OSThread {
                guard gate.wait() else { return }
                body()
            } : nil
            guard let thread else {
                startFailure = "the system refused to start thread number \(threads.count + 1) "
                    + "('\(name)'); lower the number of instances"
                break
            }
            threads.append(thread)
        }
        let began = session.begin()
        if let startFailure {
            // The run fails as a whole (no instance is to blame), and none of its instances runs:
            // some of them alone would be a different scenario, and a timeline where instances
            // that never existed are `stopped` would be wrong.
            session.failToStart(startFailure)
        } else if began {
            context.queuePooledTasks()
        }
        let runs = startFailure == nil && began
        gate.open(run: runs)

        let outcome = session.waitForOutcome()
        // The outcome set `stopping`; wake every instance so that the blocked and sleeping ones see it.
        for parker in parkers { parker.unpark() }
        for thread in threads { thread.join() }
        return session.end(outcome: outcome, ran: runs, runtime: name)
    }

    /// One thread of a pool, as a `ThreadPoolExecutor` thread: it runs the task its slot holds
    /// to its end, then the task the pool gave the slot next (the pool decides which), until the
    /// queue is empty or the run stops. A task that never ran stays blocked on the pool, as the
    /// pool's `queuePooledTasks` marked it.
    private static func runSlot(_ slot: Int, of pool: Int, context: RunContext, parkers: [Parker]) {
        var next = context.task(ofPool: pool, slot: slot)
        while let task = next {
            guard runInstance(Interpreter(context: context, instance: task), parker: parkers[task]) else { return }
            next = context.task(ofPool: pool, slot: slot)
        }
    }

    /// Runs one instance on the calling thread: the interpreter runs until it must wait, and the
    /// thread waits. True when the instance finished, false when it stopped.
    private static func runInstance(_ interpreter: Interpreter, parker: Parker) -> Bool {
        while true {
            switch interpreter.advance() {
            case .park:
                parker.park()
            case .sleep(let deadline):
                while monotonicNanoseconds() < deadline, !interpreter.isStopping {
                    parker.park(until: deadline)
                }
            case .work(let end):
                interpreter.busyWork(until: end)
            case .yield:
                continue  // only when single-stepping, which this engine does not ask for
            case .finished:
                return true
            case .stopped:
                return false
            }
        }
    }
}

/// Wakes an instance by unparking its thread.
struct ParkerWaker: InstanceWaker {
    let parkers: [Parker]

    func wake(_ instance: Int) { parkers[instance].unpark() }
}
