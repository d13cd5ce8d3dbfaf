import ScenarioCompiler
import ScenarioRuntime

/// Runs a scenario with one OS thread per worker instance and real blocking primitives: an
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
        var threads: [OSThread] = []
        threads.reserveCapacity(scenario.instances.count)
        var startFailure: String?
        for instance in scenario.instances.indices {
            let parker = parkers[instance]
            let context = session.context
            let thread = threads.count < options.maximumThreads ? OSThread {
                guard gate.wait() else { return }
                runInstance(Interpreter(context: context, instance: instance), parker: parker)
            } : nil
            guard let thread else {
                startFailure = "the system refused to start thread number \(instance + 1) "
                    + "('\(scenario.instances[instance].name)'); lower the number of instances"
                break
            }
            threads.append(thread)
        }
        session.begin()
        if let startFailure {
            // The run fails as a whole (no instance is to blame), and none of its instances runs:
            // some of them alone would be a different scenario, and a timeline where instances
            // that never existed are `stopped` would be wrong.
            session.failToStart(startFailure)
        }
        gate.open(run: startFailure == nil)

        let outcome = session.waitForOutcome()
        // The outcome set `stopping`; wake every instance so that the blocked and sleeping ones see it.
        for parker in parkers { parker.unpark() }
        for thread in threads { thread.join() }
        return session.end(outcome: outcome, ran: startFailure == nil, runtime: name)
    }

    /// One instance's thread: the interpreter runs until it must wait, and the thread waits.
    private static func runInstance(_ interpreter: Interpreter, parker: Parker) {
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
            case .finished, .stopped:
                return
            }
        }
    }
}

/// Wakes an instance by unparking its thread.
struct ParkerWaker: InstanceWaker {
    let parkers: [Parker]

    func wake(_ instance: Int) { parkers[instance].unpark() }
}
