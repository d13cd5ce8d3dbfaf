import ScenarioRuntime
import Synchronization

/// Runs the tasks of a run's process pools in real child processes: one child per pool slot,
/// started with the run (each compiles the scenario again from its text), each with a thread of
/// the run's that reads what the child says and relays its events into the timeline as they
/// come. A child that dies (an `exit` step, a crash, a kill from outside) fails the task it was
/// running and is replaced by a new one, with a fresh copy of the variables, as the next task
/// needs it; `stopAll` kills them all and waits for them, so none outlives the run.
package final class ChildProcessRunner: ProcessTaskRunner {
    private let executable: String
    private let launchPath: String?
    private let path: String
    private let source: String
    private let speed: Double
    private let slots = Mutex<[SlotProcess]>([])
    private let stopping = Atomic<Bool>(false)

    /// - Parameters:
    ///   - executable: the `scenario` binary, started as `executable process-worker`.
    ///   - launchPath: where to start it from, if not `executable`: `/proc/self/exe` for the
    ///     running binary itself, which stays the same file even when `executable` is rebuilt or
    ///     removed while the run goes on (a replacement child must be the same build).
    ///   - path, source: the scenario file's name and text, which each child compiles again.
    ///   - speed: the run's `--speed`.
    package init(executable: String, launchPath: String? = nil, path: String, source: String, speed: Double) {
        self.executable = executable
        self.launchPath = launchPath
        self.path = path
        self.source = source
        self.speed = speed
    }

    package func startProcesses(for context: RunContext) -> String? {
        // Every child is started before any is waited for, so that they start up (and compile
        // the scenario) side by side: a pool of 64 takes a fraction of 64 start-ups.
        let images = context.processes.all
        var launched: [ChildProcess] = []
        var failure: (image: ProcessImage, message: String)?
        for image in images {
            switch launch() {
            case .failure(let problem): failure = (image, problem.message)
            case .success(let child): launched.append(child)
            }
            if failure != nil { break }
        }
        var started: [SlotProcess] = []
        if failure == nil {
            for (index, (image, child)) in zip(images, launched).enumerated() {
                switch awaitReady(child) {
                case .failure(let problem):
                    failure = (image, problem.message)
                    launched.remove(at: index)  // ended and reaped already
                case .success(let reader):
                    context.processes.start(image, pid: child.pid)
                    started.append(SlotProcess(image: image, child: child, reader: reader))
                }
                if failure != nil { break }
            }
        }
        if let failure {
            // The other children started so far (ready or not) end with the failed start.
            for child in launched { child.kill() }
            for child in launched { _ = child.reap() }
            return "cannot start a process of pool '\(context.scenario.objects[failure.image.pool].name)': \(failure.message)"
        }
        slots.withLock { $0 = started }
        for slot in started {
            let thread = OSThread(stackSize: 256 << 10) { [self] in self.serve(slot, context: context) }
            guard let thread else {
                stopAll()
                return "cannot start a thread to talk to the pool's processes"
            }
            slot.reader.withLock { $0.thread = thread }
        }
        return nil
    }

    package func start(_ task: RemoteTask, context: RunContext, whenDone: @escaping @Sendable (RemoteOutcome) -> Void) {
        guard let slot = slots.withLock({ slots in slots.first { $0.image === task.image } }) else {
            preconditionFailure("a task was started in a process the runner did not start")
        }
        slot.current.withLock { $0 = RunningTask(task: task, whenDone: whenDone) }
        // A child that died already: its reader reports it, with this task.
        _ = slot.child.withLock { $0.send(.run(instance: task.instance, start: task.start, end: task.end)) }
    }

    package func stopAll() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let all = slots.withLock { $0 }
        for slot in all { slot.child.withLock { $0.kill() } }
        for slot in all { slot.reader.withLock { $0.thread }?.join() }
    }

    /// Reads what one slot's child says, for as long as the run lasts, starting a new child
    /// whenever one dies.
    private func serve(_ slot: SlotProcess, context: RunContext) {
        while true {
            var reader = slot.reader.withLock { $0.lines }
            while let line = reader.next() {
                guard let message = ProcessMessage(line: line) else { break }  // not ours: treat it as dead
                switch message {
                case .event(let kind, let object, let value, let line):
                    if let task = slot.current.withLock({ $0?.task }) {
                        context.relay(instance: task.instance, kind, object: object, value: value, line: line, process: task.eventNumber)
                    }
                case .done(let result, let variables):
                    slot.image.mirror(variables)
                    slot.takeCurrent()?.whenDone(.reached(result: result))
                case .error(let location, let message):
                    slot.takeCurrent()?.whenDone(.failed(message: message, location: location))
                case .hello, .run, .ready, .fatal:
                    break
                }
            }
            let child = slot.child.withLock { $0 }
            child.kill()  // when it said something that is not ours
            let how = child.reap()
            let task = slot.takeCurrent()
            if stopping.load(ordering: .acquiring) {
                task?.whenDone(.stopped)
                return
            }
            switch startChild() {
            case .failure(let failure):
                task?.whenDone(.failed(
                    message: "a process of pool '\(context.scenario.objects[slot.image.pool].name)' (pid \(child.pid)) \(how), "
                        + "and another could not be started: \(failure.message)", location: path))
                return
            case .success(let (next, lines)):
                // `stopAll` kills the child it finds under this lock: either it finds this one,
                // or this sees that it is stopping.
                slot.child.withLock { current in
                    current = next
                    if stopping.load(ordering: .acquiring) { next.kill() }
                }
                slot.reader.withLock { $0.lines = lines }
                if !context.processes.start(slot.image, pid: next.pid) {
                    task?.whenDone(.failed(message: "the run started more pool processes than it can number (65,535)", location: path))
                    return
                }
                task?.whenDone(.died(how, pid: child.pid))
            }
        }
    }

    /// Starts a child and waits for it to say it is ready.
    private func startChild() -> Result<(ChildProcess, PipeLineReader), SpawnFailure> {
        launch().flatMap { child in awaitReady(child).map { (child, $0) } }
    }

    /// Starts a child and introduces the scenario to it.
    private func launch() -> Result<ChildProcess, SpawnFailure> {
        ChildProcess.spawn(executable: executable, launchPath: launchPath).flatMap { child in
            if child.send(.hello(version: ProcessMessage.version, speed: speed, path: path, source: source)) {
                return .success(child)
            }
            child.kill()
            let how = child.reap()
            return .failure(SpawnFailure("\(executable) process-worker \(how) before it read the scenario"))
        }
    }

    /// Waits for a launched child to say it is ready; the reader that goes on reading it.
    /// A child that does not is ended (and reaped) here.
    private func awaitReady(_ child: ChildProcess) -> Result<PipeLineReader, SpawnFailure> {
        var reader = PipeLineReader(descriptor: child.socket)
        switch reader.next().flatMap(ProcessMessage.init(line:)) {
        case .ready(let version, _) where version == ProcessMessage.version:
            return .success(reader)
        case .fatal(let message):
            child.kill()
            _ = child.reap()
            return .failure(SpawnFailure(message))
        default:
            child.kill()
            let how = child.reap()
            return .failure(SpawnFailure("\(executable) process-worker \(how) without saying it was ready"))
        }
    }
}

/// One slot of a process pool as the runner serves it: its child, the thread reading it, and
/// the task it runs now.
private final class SlotProcess: Sendable {
    let image: ProcessImage
    let child: Mutex<ChildProcess>
    let reader: Mutex<ReaderState>
    let current = Mutex<RunningTask?>(nil)

    /// `@unchecked Sendable` is safe here because the line reader's buffer and the thread handle
    /// are only used by the slot's reading thread and, before it started or once it was joined,
    /// by `startProcesses`/`stopAll`; the `Mutex` around it orders those uses.
    struct ReaderState: @unchecked Sendable {
        var lines: PipeLineReader
        var thread: OSThread?
    }

    init(image: ProcessImage, child: ChildProcess, reader: PipeLineReader) {
        self.image = image
        self.child = Mutex(child)
        self.reader = Mutex(ReaderState(lines: reader, thread: nil))
    }

    func takeCurrent() -> RunningTask? {
        current.withLock { current in
            defer { current = nil }
            return current
        }
    }
}

/// The task a slot's child runs now, and whom to tell how it ended. A struct, not a tuple: a
/// closure in a tuple held by a `Mutex` was re-wrapped in a pair of reabstraction thunks at every
/// `withLock` that read it (the relay of each event), so that calling it after a few thousand
/// events overflowed the reading thread's stack; a struct's closure field is stored as it is.
private struct RunningTask: Sendable {
    let task: RemoteTask
    let whenDone: @Sendable (RemoteOutcome) -> Void
}
