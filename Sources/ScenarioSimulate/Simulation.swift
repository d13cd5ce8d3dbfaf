import ScenarioCompiler
import ScenarioRuntime

/// One simulated run on the calling thread: at every step the chooser picks a runnable
/// instance and its interpreter takes one step; when none is runnable, the virtual clock jumps
/// to the earliest timer. Everything it decides depends on the scenario, the options and the
/// chooser's seed, never on the machine or the time.
final class Simulation {
    let session: RunSession
    let scheduler: Scheduler
    let clock: ManualClock
    private let timeout: Double
    /// Each instance's interpreter, made when it first runs, dropped when it ends. Unmanaged, each
    /// holding one retain that `drop` gives back: a strong reference read from memory costs a
    /// retain and a release around every step, a tenth of the simulator's time.
    private let interpreters: UnsafeMutablePointer<Unmanaged<Interpreter>?>
    private let count: Int
    /// Called before every step; returning false stops the run (the replay uses it to stop where
    /// the run can no longer follow its script, after failing the run).
    var beforeStep: (() -> Bool)?
    /// Called after every step with the instance that took it; returning false stops the run.
    var afterStep: ((Int) -> Bool)?

    /// - Parameter timeout: seconds of virtual time after which the run times out.
    init(_ scenario: CompiledScenario, options: RunOptions, timeout: Double, observer: (any RecordObserver)? = nil) {
        let clock = ManualClock(0)
        let scheduler = Scheduler(instances: scenario.instances.count)
        self.clock = clock
        self.scheduler = scheduler
        self.timeout = timeout
        session = RunSession(
            scenario: scenario, options: options, waker: SchedulerWaker(scheduler: scheduler), clock: .manual(clock),
            singleStep: true, observer: observer)
        count = scenario.instances.count
        interpreters = .allocate(capacity: max(1, count))
        interpreters.initialize(repeating: nil, count: max(1, count))
    }

    deinit {
        for instance in 0..<count { drop(instance) }
        interpreters.deinitialize(count: max(1, count))
        interpreters.deallocate()
    }

    /// The interpreter of an instance that has started and not ended.
    func interpreter(_ instance: Int) -> Interpreter? { interpreters[instance]?.takeUnretainedValue() }

    /// Runs to the outcome, every instance runnable at first; the report does not yet say how
    /// the steps were chosen.
    func run<C: Chooser>(choosingWith chooser: C) -> RunReport {
        var chooser = chooser
        for instance in 0..<count { chooser.insert(instance) }
        session.begin()
        let outcome = loop(&chooser)
        return session.end(outcome: outcome, runtime: SimulateEngine.name)
    }

    private func loop<C: Chooser>(_ chooser: inout C) -> RunMonitor.Outcome {
        let monitor = session.context.monitor
        let context = session.context
        // The time-out counts virtual time, so that it ends the run at the same step every time;
        // the session's real-time deadline still guards loops that never move the virtual clock.
        let deadline = Int64(min(timeout, 1e9) * 1e9)
        // The progress analysis costs about a pass over the instances: run it at most once every
        // so many steps, counted, so that a deadlock is decided at the same step every time.
        let analysisInterval = max(1 << 14, 16 * count)
        var nextAnalysis = analysisInterval
        var timers = TimerQueue()
        var step = 0
        while !monitor.isStopping {
            if let beforeStep, !beforeStep() { break }
            if chooser.isEmpty {
                monitor.analyseIfDue()
                if monitor.isStopping { break }
                guard let earliest = timers.earliest else {
                    monitor.decideNothingCanMove()
                    break
                }
                if earliest > deadline {
                    clock.advance(to: deadline)
                    monitor.timeOut()
                    break
                }
                clock.advance(to: earliest)
                while let instance = timers.popDue(at: earliest) {
                    scheduler.resume(instance)
                    chooser.insert(instance)
                }
                continue
            }
            let instance = chooser.choose(step: step)
            let interpreter = interpreters[instance] ?? makeInterpreter(instance, context: context)
            // The buffer's retain keeps it alive: it is dropped only below, after the step.
            switch interpreter._withUnsafeGuaranteedRef({ $0.advance() }) {
            case .yield:
                break
            case .park:
                if scheduler.park(instance) { chooser.remove(instance) }
            case .sleep(let until), .work(let until):
                // Virtual cores are unlimited: `work` keeps only its own instance busy.
                scheduler.pause(instance)
                chooser.remove(instance)
                timers.add(instance, until: until)
            case .finished, .stopped:
                scheduler.finish(instance)
                chooser.remove(instance)
                drop(instance)
            }
            scheduler.drainWoken(into: &chooser)
            step += 1
            if let afterStep, !afterStep(instance) { break }
            if step >= nextAnalysis {
                monitor.analyseIfDue()
                nextAnalysis = step + analysisInterval
            }
            if step & 4095 == 0 { monitor.timeOutIfDue(monotonicNanoseconds()) }
        }
        guard let outcome = monitor.decidedOutcome else {
            preconditionFailure("the simulation stopped before the run's outcome was decided")
        }
        return outcome
    }

    private func makeInterpreter(_ instance: Int, context: RunContext) -> Unmanaged<Interpreter> {
        let made = Unmanaged.passRetained(Interpreter(context: context, instance: instance))
        interpreters[instance] = made
        return made
    }

    /// Gives back the interpreter's retain, if it has one.
    private func drop(_ instance: Int) {
        interpreters[instance]?.release()
        interpreters[instance] = nil
    }
}
