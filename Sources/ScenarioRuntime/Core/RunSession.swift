import ScenarioCompiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every engine does around running the instances, so that an engine only decides how an
/// instance waits and who runs next: the shared objects, the clock and the time-out, the live
/// timeline stream, Ctrl-C, waiting for the outcome, and the report.
package final class RunSession: Sendable {
    package let context: RunContext
    private let options: RunOptions
    private let streamer: EventStreamer?
    private let interrupts: Guarded<InterruptHandler?> = Guarded(nil)
    /// When `begin` was called (monotonic ns).
    private let started = Guarded<Int64>(0)

    /// - Parameter clock: the time the steps see (the time-out is real time whatever it is).
    /// - Parameter singleStep: every interpreter stops before each step that touches shared state
    ///   (`Interpreter.Suspension.yield`), for an engine that chooses who takes every step.
    /// - Parameter observer: sees every event as it is recorded.
    package init(
        scenario: CompiledScenario, options: RunOptions, waker: any InstanceWaker, clock: RunClock = .monotonic,
        singleStep: Bool = false, observer: (any RecordObserver)? = nil
    ) {
        // Events are kept whole only when asked; otherwise they stream out through a window of
        // the timeline (or are not kept at all when nothing reads them).
        let retention: EventStore.Retention =
            options.keepsEvents ? .all : !options.streamsEvents ? .none : .window(chunks: Self.windowChunks)
        let streamerParker = Parker()
        let context = RunContext(
            scenario: scenario, speed: options.speed, streaming: options.streamsEvents, waker: waker, clock: clock,
            retention: retention, onFull: { streamerParker.unpark() },
            maximumEvents: options.keepsEvents ? options.maximumEvents : .max, maximumTextBytes: options.maximumTextBytes,
            singleStep: singleStep, observer: observer, gilInterval: scenario.gilInterval(force: options.gil))
        self.context = context
        self.options = options
        // From the start, not only once the instances run: setting up a million of them takes
        // seconds, and a Ctrl-C then must not be lost.
        if let scope = options.interruption {
            scope.join(context.monitor)
        } else if options.handlesInterrupt {
            let handler = InterruptHandler(monitor: context.monitor)
            interrupts.withLock { $0 = handler }
        }
        if !singleStep, !context.processes.isEmpty, let makeRunner = options.makeProcessRunner {
            context.processRunner = makeRunner()
        }
        streamer = options.batchObserver.map { EventStreamer(recorder: context.recorder, observer: $0, parker: streamerParker) }
    }

    /// 8 chunks of 65,536 events: 16 MiB of timeline in memory at most when streaming.
    static let windowChunks = 8

    /// Starts the clock, the time-out, the live timeline and Ctrl-C handling. Call once, right
    /// before the instances start. False when the run failed as a whole before it began (a
    /// pool's processes could not be started): then no instance may run, and `end` must be told
    /// that none ran.
    @discardableResult
    package func begin() -> Bool {
        // Before the clock starts: starting a pool's processes takes a while, and is not the run's.
        let began = startProcesses()
        context.recorder.origin = context.clock.now
        // Every pooled instance is submitted at the start, in declaration order, as a loop of
        // `executor.submit` calls would: before any of them can start.
        for (instance, info) in context.scenario.instances.enumerated() where began {
            if let pool = info.pool { context.recorder.record(instance: instance, .submit, object: pool) }
        }
        context.monitor.setDeadline(monotonicNanoseconds() + Int64(min(options.timeout, 1e9) * 1e9))
        started.withLock { $0 = monotonicNanoseconds() }
        streamer?.start()
        return began
    }

    /// Starts the processes of the run's process pools: real child processes through the runner,
    /// or virtual ones (the simulator's, and a run without a runner), in pool and slot order, so
    /// that their ids are the same every time. False when they could not be started (the run has
    /// failed).
    private func startProcesses() -> Bool {
        guard !context.processes.isEmpty else { return true }
        guard let runner = context.processRunner else {
            for image in context.processes.all { context.processes.start(image) }
            return true
        }
        if let problem = runner.startProcesses(for: context) {
            failToStart(problem)
            return false
        }
        return true
    }

    /// Fails the run as a whole, before any instance ran (no instance is to blame).
    package func failToStart(_ message: String) {
        context.monitor.fail(nil, message: message, location: context.scenario.path)
    }

    /// Blocks the calling thread until the run's outcome is decided; it also runs the progress
    /// analysis. Call it on a thread of the engine's own, never on one of Swift's cooperative pool.
    package func waitForOutcome() -> RunMonitor.Outcome {
        context.monitor.waitForOutcome()
    }

    /// Waits for the outcome on a thread of its own, without blocking a thread of the cooperative pool.
    package func outcome() async -> RunMonitor.Outcome {
        await withCheckedContinuation { continuation in
            let watcher = OSThread(stackSize: 256 << 10) { continuation.resume(returning: self.waitForOutcome()) }
            if let watcher {
                watcher.detach()
            } else {
                // No thread to spare: this one waits (a thread of the pool, for the rest of the run).
                continuation.resume(returning: waitForOutcome())
            }
        }
    }

    /// The report, once every instance has stopped. `ran` is false when none of them started.
    package func end(
        outcome: RunMonitor.Outcome, ran: Bool = true, runtime: String, executor: String? = nil
    ) -> RunReport {
        // How long the run took on its own clock: real time, or the virtual time of a manual clock,
        // so that a simulated run reports the same duration every time.
        let duration: Double = switch context.clock {
        case .monotonic: Double(monotonicNanoseconds() - started.withLock { $0 }) / 1e9
        case .manual(let clock): Double(clock.now - context.recorder.origin) / 1e9
        }
        interrupts.withLock { $0?.cancel() }
        options.interruption?.leave(context.monitor)
        // No child process outlives the run, however it ended.
        context.processRunner?.stopAll()
        let builder = ReportBuilder(context: context, outcome: outcome, duration: duration)
        if ran { builder.recordStoppedInstances() }  // else none started, so none was stopped
        streamer?.finish()
        return builder.build(runtime: runtime, executor: executor)
    }
}
