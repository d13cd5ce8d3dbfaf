import Dispatch
import ScenarioCompiler

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a scenario with one OS thread per worker instance and real blocking primitives.
public enum ThreadsEngine {
    public static func run(_ scenario: CompiledScenario, options: RunOptions = RunOptions()) -> RunReport {
        let context = RunContext(
            scenario: scenario, speed: options.speed, streaming: options.onEvents != nil,
            maximumEvents: options.maximumEvents, maximumTextBytes: options.maximumTextBytes)
        let gate = StartGate()
        var threads: [OSThread] = []
        threads.reserveCapacity(scenario.instances.count)
        var startFailure: String?
        for instance in scenario.instances.indices {
            let thread = threads.count < options.maximumThreads ? OSThread {
                guard gate.wait() else { return }
                let runner = InstanceRunner(context: context, instance: instance)
                runner.run()
            } : nil
            guard let thread else {
                startFailure = "the system refused to start thread number \(instance + 1) "
                    + "('\(scenario.instances[instance].name)'); lower the number of instances"
                break
            }
            threads.append(thread)
        }

        let streamer = options.onEvents.map { EventStreamer(recorder: context.recorder, observer: $0) }
        let interrupts = options.handlesInterrupt ? InterruptHandler(monitor: context.monitor) : nil
        context.recorder.origin = monotonicNanoseconds()
        context.monitor.setDeadline(context.recorder.origin + Int64(min(options.timeout, 1e9) * 1e9))
        streamer?.start()
        if let startFailure {
            // The run fails as a whole (no instance is to blame), and none of its instances runs:
            // some of them alone would be a different scenario, and a timeline where instances
            // that never existed are `stopped` would be wrong.
            context.monitor.fail(nil, message: startFailure, location: scenario.path)
        }
        gate.open(run: startFailure == nil)

        let outcome = context.monitor.waitForOutcome()
        let duration = Double(monotonicNanoseconds() - context.recorder.origin) / 1e9
        // The outcome set `stopping`; wake every instance so that the blocked and sleeping ones see it.
        for parker in context.parkers { parker.unpark() }
        for thread in threads { thread.join() }
        interrupts?.cancel()

        let builder = ReportBuilder(context: context, outcome: outcome, duration: duration)
        if startFailure == nil { builder.recordStoppedInstances() }  // else none started, so none was stopped
        streamer?.finish()
        return builder.build()
    }
}

/// Turns Ctrl-C into an `interrupted` outcome for the duration of a run.
private final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(monitor: RunMonitor) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { monitor.interrupt() }
        source.resume()
    }

    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
