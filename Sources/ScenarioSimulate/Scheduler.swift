import ScenarioRuntime

/// Where each instance of a simulated run stands, and the chooser of the runnable ones. Wakes
/// come from interpreters that the simulation is running, on the simulation's one thread.
///
/// `@unchecked Sendable`: only the simulation's thread touches it (the waker is called by the
/// interpreters it runs; the run's other threads — the timeline streamer, Ctrl-C — never do).
final class Scheduler<C: Chooser>: @unchecked Sendable {
    enum Place: UInt8 {
        case runnable, parked, timed, gone
    }

    var chooser: C
    private(set) var places: [Place]
    /// A wake that came while the instance was not parked: its next park returns at once, as a
    /// parker's permit does on the other engines.
    private var permits: [Bool]

    init(instances: Int, chooser: C) {
        self.chooser = chooser
        places = Array(repeating: .runnable, count: instances)
        permits = Array(repeating: false, count: instances)
        for instance in 0..<instances { self.chooser.insert(instance) }
    }

    func wake(_ instance: Int) {
        if places[instance] == .parked {
            places[instance] = .runnable
            chooser.insert(instance)
        } else {
            permits[instance] = true
        }
    }

    /// The instance must wait for a primitive, unless a wake came already.
    func park(_ instance: Int) {
        if permits[instance] {
            permits[instance] = false
            return
        }
        leave(instance, for: .parked)
    }

    /// The instance sleeps or works until a timer; `resume` makes it runnable again.
    func pause(_ instance: Int) { leave(instance, for: .timed) }

    func resume(_ instance: Int) {
        places[instance] = .runnable
        chooser.insert(instance)
    }

    func finish(_ instance: Int) { leave(instance, for: .gone) }

    private func leave(_ instance: Int, for place: Place) {
        if places[instance] == .runnable { chooser.remove(instance) }
        places[instance] = place
    }
}

/// Wakes a simulated instance: it becomes runnable again.
struct SchedulerWaker<C: Chooser>: InstanceWaker {
    let scheduler: Scheduler<C>

    func wake(_ instance: Int) { scheduler.wake(instance) }
}
