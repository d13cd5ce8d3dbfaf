import ScenarioRuntime

/// Where each instance of a simulated run stands, and the instances woken during the current
/// step, for the simulation to make runnable after it. Wakes come from the interpreters that the
/// simulation runs, on its one thread.
///
/// Plain memory rather than arrays: this is the simulator's hot path, and a class's arrays would
/// cost an exclusivity check and a uniqueness check on every access.
///
/// `@unchecked Sendable`: only the simulation's thread touches it (the waker is called by the
/// interpreters it runs; the run's other threads — the timeline streamer, Ctrl-C — never do).
final class Scheduler: @unchecked Sendable {
    enum Place: UInt8 {
        case runnable, parked, timed, gone
    }

    let count: Int
    private let places: UnsafeMutablePointer<Place>
    /// A wake that came while the instance was not parked: its next park returns at once, as a
    /// parker's permit does on the other engines.
    private let permits: UnsafeMutablePointer<Bool>
    /// Instances woken since the last `drainWoken`, in the order they were woken.
    private let woken: UnsafeMutablePointer<Int>
    private var wokenCount = 0

    init(instances: Int) {
        count = instances
        places = .allocate(capacity: max(1, instances))
        places.initialize(repeating: .runnable, count: max(1, instances))
        permits = .allocate(capacity: max(1, instances))
        permits.initialize(repeating: false, count: max(1, instances))
        woken = .allocate(capacity: max(1, instances))
    }

    deinit {
        places.deallocate()
        permits.deallocate()
        woken.deallocate()
    }

    @inline(__always)
    func place(of instance: Int) -> Place { places[instance] }

    func wake(_ instance: Int) {
        if places[instance] == .parked {
            // Each instance is parked at most once at a time, so `woken` never overflows.
            places[instance] = .runnable
            woken[wokenCount] = instance
            wokenCount += 1
        } else {
            permits[instance] = true
        }
    }

    /// Hands the instances woken since the last call to `chooser`.
    @inline(__always)
    func drainWoken<C: Chooser>(into chooser: inout C) {
        guard wokenCount > 0 else { return }
        for index in 0..<wokenCount { chooser.insert(woken[index]) }
        wokenCount = 0
    }

    /// The instance must wait for a primitive, unless a wake came already: false then.
    func park(_ instance: Int) -> Bool {
        if permits[instance] {
            permits[instance] = false
            return false
        }
        places[instance] = .parked
        return true
    }

    /// The instance sleeps or works until a timer; `resume` makes it runnable again.
    func pause(_ instance: Int) { places[instance] = .timed }

    func resume(_ instance: Int) { places[instance] = .runnable }

    func finish(_ instance: Int) { places[instance] = .gone }
}

/// Wakes a simulated instance: it becomes runnable again.
struct SchedulerWaker: InstanceWaker {
    let scheduler: Scheduler

    func wake(_ instance: Int) { scheduler.wake(instance) }
}
