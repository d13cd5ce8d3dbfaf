import ScenarioCompiler

/// How an engine makes a waiting instance try again: unpark its thread, resume its task.
package protocol InstanceWaker: Sendable {
    /// `instance` may go on (it was just made runnable); called after the primitive's mutex was dropped.
    func wake(_ instance: Int)
}

/// What every instance of one run shares, whatever the engine.
package final class RunContext: Sendable {
    package let scenario: CompiledScenario
    let objects: RuntimeObjects
    package let monitor: RunMonitor
    let recorder: EventRecorder
    let waker: any InstanceWaker
    /// The time the steps see.
    package let clock: RunClock
    /// Divides every sleep and work duration.
    let speed: Double
    /// Whether each interpreter stops before every step that touches shared state
    /// (`Interpreter.Suspension.yield`), for an engine that chooses who takes each step.
    let singleStep: Bool
    /// The results and completion ranks of the instances' futures.
    let futures: FutureTable
    /// CPython's global interpreter lock, when the run models it (`gil: true` or `--gil`).
    let gil: GILObject?
    /// The processes of the run's process pools.
    package let processes: ProcessTable
    /// Runs process-pool tasks in real child processes, when the engine has them; without it,
    /// each pool process is an isolated copy of the variables in this process (the simulator).
    /// Set once, by `RunSession.init`, before any thread that reads it exists, which makes
    /// nonisolated(unsafe) safe here.
    package nonisolated(unsafe) var processRunner: (any ProcessTaskRunner)?
    /// In a child process that runs pool tasks: what to do before `exit: N` ends the process for
    /// real (send what it recorded). Set once before any step runs, as `processRunner` is.
    package nonisolated(unsafe) var beforeRealExit: (@Sendable () -> Void)?

    init(
        scenario: CompiledScenario, speed: Double, streaming: Bool, waker: any InstanceWaker, clock: RunClock = .monotonic,
        retention: EventStore.Retention = .all, onFull: @escaping @Sendable () -> Void = {},
        maximumEvents: Int = RunOptions.defaultMaximumEvents, maximumTextBytes: Int = RunOptions.defaultMaximumTextBytes,
        singleStep: Bool = false, observer: (any RecordObserver)? = nil, gilInterval: Int64? = nil
    ) {
        self.gil = gilInterval.map { GILObject(interval: $0, instances: scenario.instances.count) }
        self.singleStep = singleStep
        self.scenario = scenario
        self.futures = FutureTable(instances: scenario.instances.count)
        let objects = RuntimeObjects(scenario)
        self.objects = objects
        let monitor = RunMonitor(scenario: scenario, lockOwner: { objects.lockOwner($0) })
        self.monitor = monitor
        let path = scenario.path
        self.recorder = EventRecorder(
            streaming: streaming, retention: retention, limit: maximumEvents,
            // After the limit, each instance records at most a step's events and its `stopped`.
            reserve: 8 * scenario.instances.count + 4096, textLimit: maximumTextBytes, clock: clock,
            onLimit: { limit in
                monitor.fail(
                    nil,
                    message: "the run recorded \(limit) events, the most one run may keep, and was stopped; "
                        + "a loop that never waits (a 'repeat: forever' without a 'sleep') records events without end",
                    location: path)
            }, onFull: onFull, observer: observer)
        self.waker = waker
        self.clock = clock
        self.speed = speed
        self.processes = ProcessTable(scenario: scenario, objects: objects, store: recorder.store, virtualIDs: singleStep)
    }

    /// The values of the run's own variables, in object order (a pool's child process sends its
    /// own so).
    package var variableValues: [Int] {
        scenario.objects.indices.compactMap { id in
            guard case .variable(let cell) = objects.objects[id] else { return nil }
            return cell.load()
        }
    }

    /// Makes `instances` runnable and wakes them; the action a state machine asked for,
    /// performed after its mutex was dropped.
    func wake(_ instances: [Int]) {
        for instance in instances { wake(instance) }
    }

    /// As `wake(_:)` for one instance, if any: without making an array, as a lock's release does
    /// on every contended acquire.
    @inline(__always)
    func wake(_ instance: Int?) {
        guard let instance else { return }
        monitor.unblock(instance)
        waker.wake(instance)
    }

    /// Scales a scenario duration by `--speed`. A speed so low that the duration would not fit
    /// waits `longestWait` instead: longer than any run lasts (the time-out ends it), and far
    /// enough from `Int64.max` that a deadline of now plus this cannot overflow.
    func scaled(_ nanoseconds: Int64) -> Int64 {
        guard speed != 1 else { return nanoseconds }
        let scaled = (Double(nanoseconds) / speed).rounded()
        return scaled < Double(Self.longestWait) ? Int64(max(0, scaled)) : Self.longestWait
    }

    /// 2^61 ns, about 73 years.
    static let longestWait: Int64 = 1 << 61
}

