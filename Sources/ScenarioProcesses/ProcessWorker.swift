import CProcessShim
import ScenarioCompiler
import ScenarioRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pool's child process (`scenario process-worker`): it reads the scenario from the run,
/// compiles it, and then runs the stretches of tasks the run hands it, one after another, with
/// the same interpreter, on this process's own variables, which last from task to task as a
/// `ProcessPoolExecutor` process's globals do. Every event goes back to the run as it is
/// recorded (sent at each sleep, work and end of a stretch). It ends when the run closes its end
/// of the pipe, and with the run if the run dies.
package enum ProcessWorker {
    /// Serves on standard input and output; returns the process's exit status.
    /// - Parameter compile: the scenario of a file name and text, or why it cannot be run.
    package static func serve(compile: (_ path: String, _ source: String) -> Result<CompiledScenario, SpawnMessage>) -> Int32 {
        _ = scenario_die_with_parent()
        let channel = Channel(writer: PipeWriter(descriptor: 1))
        var reader = PipeLineReader(descriptor: 0)
        guard let line = reader.next(), case .hello(let version, let speed, let path, let source)? = ProcessMessage(line: line) else {
            channel.fail("the run did not introduce the scenario")
            return 2
        }
        guard version == ProcessMessage.version else {
            channel.fail("this scenario binary speaks version \(ProcessMessage.version) to its pool processes, not \(version)")
            return 2
        }
        let scenario: CompiledScenario
        switch compile(path, source) {
        case .success(let compiled): scenario = compiled
        case .failure(let problem):
            channel.fail(problem.text)
            return 2
        }
        let session = RunSession(scenario: scenario, options: Self.options(speed: speed), waker: NoWaker(), observer: channel)
        let context = session.context
        context.beforeRealExit = { channel.flush() }
        channel.send(.ready(version: ProcessMessage.version, pid: getpid()))
        channel.flush()
        while let line = reader.next() {
            guard case .run(let instance, let start, let end)? = ProcessMessage(line: line),
                scenario.instances.indices.contains(instance), start >= 0, start <= end,
                end <= scenario.programs[scenario.instances[instance].program].count
            else {
                channel.fail("the run sent a message this process does not understand")
                return 2
            }
            run(Interpreter(context: context, instance: instance), from: start, until: end, channel: channel, context: context)
            guard channel.flush() else { return 0 }  // the run is gone
        }
        return 0
    }

    private static func options(speed: Double) -> RunOptions {
        var options = RunOptions(speed: speed, timeout: .greatestFiniteMagnitude, handlesInterrupt: false)
        options.keepsEvents = false
        return options
    }

    /// Runs one stretch and says how it ended.
    private static func run(_ interpreter: Interpreter, from start: Int, until end: Int, channel: Channel, context: RunContext) {
        interpreter.runOnly(from: start, until: end)
        while true {
            switch interpreter.advance() {
            case .sleep(let deadline):
                channel.flush()
                while monotonicNanoseconds() < deadline {
                    let left = deadline - monotonicNanoseconds()
                    var pause = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
                    nanosleep(&pause, nil)
                }
            case .work(let until):
                channel.flush()
                interpreter.busyWork(until: until)
            case .finished:
                let result = interpreter.resultAtBoundary()
                if result.failed {
                    reportFailure(context, channel: channel)
                } else {
                    let values = context.variableValues
                    channel.send(.done(result: result.value, variables: values))
                }
                return
            case .stopped:
                reportFailure(context, channel: channel)
                return
            case .park, .yield:
                // Validation keeps primitives and joins out of a process pool's tasks.
                preconditionFailure("a process pool's task waited for something in its process")
            }
        }
    }

    private static func reportFailure(_ context: RunContext, channel: Channel) {
        if case .failed(_, let message, let location)? = context.monitor.decidedOutcome {
            channel.send(.error(location: location, message: message))
        } else {
            channel.send(.error(location: context.scenario.path, message: "a pool process stopped its task"))
        }
    }
}

/// Why a child process cannot run the scenario it was given.
package struct SpawnMessage: Error {
    package let text: String
    package init(_ text: String) { self.text = text }
}

/// The child's end of the pipe: events go out as they are recorded (the interpreter records on
/// this process's one thread), the rest when the serving loop says. Its one field is a mutex.
private final class Channel: RecordObserver, Sendable {
    private let writer: Mutex<PipeWriter>

    init(writer: PipeWriter) { self.writer = Mutex(writer) }

    func recorded(instance: Int, _ kind: EventKind, object: Int, value: EventValue, line: Int32) {
        send(.event(kind: kind, object: object, value: value, line: line))
    }

    func send(_ message: ProcessMessage) { writer.withLock { $0.send(message) } }

    @discardableResult
    func flush() -> Bool { writer.withLock { $0.flush() } }

    func fail(_ message: String) {
        send(.fatal(message))
        flush()
    }
}

/// Nothing waits in a child: its tasks use no primitives.
private struct NoWaker: InstanceWaker {
    func wake(_ instance: Int) {}
}
