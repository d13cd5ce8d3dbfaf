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

    init(scenario: CompiledScenario, speed: Double, streaming: Bool) {
        self.scenario = scenario
        let objects = RuntimeObjects(scenario)
        self.objects = objects
        self.monitor = RunMonitor(
            isDaemon: scenario.instances.map(\.isDaemon), lockOwner: { objects.lockOwner($0) })
        self.recorder = EventRecorder(streaming: streaming)
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
