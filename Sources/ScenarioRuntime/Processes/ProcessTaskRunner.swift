/// Runs the steps of a process-pool task in a real child process: an engine that has child
/// processes provides one (`RunContext.processRunner`). The meaning of the steps stays the
/// interpreter's: the child runs the same interpreter on its own copy of the variables, and the
/// runner only carries the task there and its events back.
package protocol ProcessTaskRunner: Sendable {
    /// Runs `task` in the child process of `task.image`, blocking the calling thread until the
    /// task reaches `task.end` (its `complete`, or the end of its program), fails, or its process
    /// dies. Each event the child records is handed to `relay` as it arrives.
    func run(_ task: RemoteTask, relay: (EventKind, Int, EventValue) -> Void) -> RemoteOutcome

    /// Ends every child process at once (the run is over, timed out or interrupted) and waits for
    /// them, so that none outlives the run. Blocked `run` calls then return `.stopped`.
    func stopAll()
}

/// A stretch of a task's program to run in a child process.
package struct RemoteTask: Sendable {
    package let instance: Int
    /// The first instruction to run (after the task took its pool slot) and the one to stop at.
    package let start: Int
    package let end: Int
    package let image: ProcessImage
}

/// How a task's stretch in a child process ended.
package enum RemoteOutcome: Sendable {
    /// It reached its end; `result` is the value of its `result:`, computed in the child.
    case reached(result: Int?)
    /// A step failed (a runtime error), at `location`.
    case failed(message: String, location: String)
    /// The child process died before the task was done: how ("exited with status 3", "was
    /// killed by signal 9"). The runner has started another process in its place.
    case died(String)
    /// The run is ending.
    case stopped
}
