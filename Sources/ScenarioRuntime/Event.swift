/// What happened in one timeline event. The raw values are the names used in `--timeline` files.
public enum EventKind: String, Sendable, CaseIterable {
    case start, finish
    /// The instance must wait for `object`.
    case block
    case acquire, release, sleep, wake, work
    /// A `work` step ended (as `wake` ends a `sleep`).
    case workEnd = "work_end"
    /// The first half of an `increment` or `decrement`: the value it read, before it writes that
    /// value plus or minus its amount (another instance may write in between: a lost update).
    case read
    case increment, decrement, set
    case put, get
    case taskDone = "task_done"
    case join
    /// Arrived at a barrier.
    case wait
    /// A barrier opened (one event per instance that passes).
    case pass
    case log
    /// The instance was submitted to a pool (`object`) at the start (pools, futures: Futures.md in grammar).
    case submit
    /// The instance's task is done: its future has its result (the value, if the worker has a `result:`).
    case done
    /// The instance's `on_done` callback starts, in its own thread (the value: its result, if any).
    case callback
    /// The GIL (`gil: true`): the instance began to wait for it before a step; it got it; it was
    /// made to drop it because another had waited a switch interval. (Dropping it to block, sleep
    /// or finish is not recorded: the `block`, `sleep` or `finish` says so.) Taking it without
    /// waiting is not recorded either. A `gil_acquire`'s value is how long it waited, in ns.
    case gilWait = "gil_wait"
    case gilAcquire = "gil_acquire"
    case gilRelease = "gil_release"
    /// The process running the instance's task died before the task was done (the object: its
    /// pool; the value: how, "exited with status 3" or "was killed by signal 9").
    case died
    /// The instance was stopped (a daemon at the end of the run, or everyone after a deadlock or timeout).
    case stopped
}

/// The value an event carries, when it carries one.
public enum EventValue: Sendable, Equatable {
    case none
    case integer(Int)
    case text(String)
}

/// One entry of the timeline.
public struct Event: Sendable, Equatable {
    /// Position in the one global order of the run, from 0. For each primitive, the order of its
    /// events by `seq` is the order in which they took effect.
    public var seq: Int
    /// Nanoseconds since the run started.
    public var nanoseconds: Int64
    /// Index into `RunReport.instances`.
    public var instance: Int32
    public var kind: EventKind
    /// Index into `RunReport.objects`, or -1 when the event concerns no object.
    public var object: Int32
    public var value: EventValue
    /// The line of the step that made the event in the scenario file, or 0 when no step did
    /// (`start`, `submit`, `finish`, `stopped`, or a file written before lines were recorded).
    public var line: Int32
    /// The id of the OS process that took the step, when it is not the run's own (a task of a
    /// process pool); 0 for the run's own process.
    public var pid: Int32 = 0

    public init(
        seq: Int, nanoseconds: Int64, instance: Int32, kind: EventKind, object: Int32 = -1, value: EventValue = .none,
        line: Int32 = 0
    ) {
        self.line = line
        self.seq = seq
        self.nanoseconds = nanoseconds
        self.instance = instance
        self.kind = kind
        self.object = object
        self.value = value
    }

    /// Seconds since the run started.
    public var seconds: Double { Double(nanoseconds) / 1e9 }
}
