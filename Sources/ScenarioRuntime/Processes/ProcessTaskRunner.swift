/// Runs the steps of a process-pool task in a real child process; an engine-neutral seam that
/// `RunOptions.processRunner` fills (the command line gives one that starts the `scenario`
/// binary again). The meaning of the steps stays the interpreter's: the child runs the same
/// interpreter on its own copy of the variables, and the runner only carries the task there and
/// its events back. Without a runner, a pool process is an isolated copy of the variables in the
/// run's own process (the simulator's way).
package protocol ProcessTaskRunner: Sendable {
    /// Starts every pool process of the run (`context.processes`), before any instance runs;
    /// a message when one cannot be started.
    func startProcesses(for context: RunContext) -> String?

    /// Starts `task` in the child process of `task.image` and returns at once. Each event the
    /// child records is recorded in the run as it arrives (`RunContext.relay`), and `whenDone`
    /// is called once, from another thread, with how the stretch ended.
    func start(_ task: RemoteTask, context: RunContext, whenDone: @escaping @Sendable (RemoteOutcome) -> Void)

    /// Ends every child process at once (the run is over, timed out or interrupted) and waits for
    /// them, so that none outlives the run. Tasks still running end with `.stopped`.
    func stopAll()
}

/// A stretch of a task's program to run in a child process.
package struct RemoteTask: Sendable {
    package let instance: Int
    /// The first instruction to run (after the task took its pool slot) and the one to stop at.
    package let start: Int
    package let end: Int
    package let image: ProcessImage
    /// `EventSlot.process` of the events the task records there.
    package let eventNumber: UInt16
}

/// How a task's stretch in a child process ended.
package enum RemoteOutcome: Sendable {
    /// It reached its end; `result` is the value of its `result:`, computed in the child.
    case reached(result: Int?)
    /// A step failed (a runtime error), at `location`.
    case failed(message: String, location: String)
    /// The child process `pid` died before the task was done: how ("exited with status 3", "was
    /// killed by signal 9"). The runner has started another process in its place.
    case died(String, pid: Int32)
    /// The run is ending.
    case stopped
}

/// Where a task's outcome waits for the instance to wake and take it.
final class RemoteRun: Sendable {
    private let outcome = Guarded<RemoteOutcome?>(nil)

    func set(_ value: RemoteOutcome) { outcome.handle.withLock { $0 = value } }

    /// The outcome once there is one.
    func take() -> RemoteOutcome? { outcome.handle.withLock { $0 } }
}

extension RunContext {
    /// Records an event a child process sent for `instance`.
    package func relay(instance: Int, _ kind: EventKind, object: Int, value: EventValue, line: Int32, process: UInt16) {
        recorder.record(instance: instance, kind, object: object, value: value, line: line, process: process)
    }
}
