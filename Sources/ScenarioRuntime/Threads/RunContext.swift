import ScenarioCompiler

/// What every instance thread of one run shares.
final class RunContext: Sendable {
    let scenario: CompiledScenario
    let objects: RuntimeObjects
    let monitor: RunMonitor
    let recorder: EventRecorder
    let parkers: [Parker]
    /// Divides every sleep and work duration.
    let speed: Double

    init(
        scenario: CompiledScenario, speed: Double, streaming: Bool,
        maximumEvents: Int = RunOptions.defaultMaximumEvents
    ) {
        self.scenario = scenario
        let objects = RuntimeObjects(scenario)
        self.objects = objects
        let monitor = RunMonitor(scenario: scenario, lockOwner: { objects.lockOwner($0) })
        self.monitor = monitor
        let path = scenario.path
        self.recorder = EventRecorder(
            streaming: streaming, limit: maximumEvents,
            // After the limit, each instance records at most a step's events and its `stopped`.
            reserve: 8 * scenario.instances.count + 4096,
            onLimit: { limit in
                monitor.fail(
                    nil,
                    message: "the run recorded \(limit) events, the most one run may keep, and was stopped; "
                        + "a worker that never waits (a 'repeat: forever' without 'sleep') should be a daemon",
                    location: path)
            })
        self.parkers = scenario.instances.map { _ in Parker() }
        self.speed = speed
    }

    /// Makes `instances` runnable and wakes them; the action a state machine asked for,
    /// performed after its mutex was dropped.
    func wake(_ instances: [Int]) {
        for instance in instances {
            monitor.unblock(instance)
            parkers[instance].unpark()
        }
    }

    func wake(_ instance: Int?) {
        if let instance { wake([instance]) }
    }

    /// Scales a scenario duration by `--speed`.
    func scaled(_ nanoseconds: Int64) -> Int64 {
        speed == 1 ? nanoseconds : Int64((Double(nanoseconds) / speed).rounded())
    }
}

/// Thrown inside an instance when it must stop: the run is ending, or the step failed.
enum InstanceExit: Error {
    case stop
    case failed
}
