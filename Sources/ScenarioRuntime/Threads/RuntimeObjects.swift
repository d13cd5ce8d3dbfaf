import ScenarioCompiler
import ScenarioSyntax
import Synchronization

/// The live objects of one run, indexed by object ID: variables as atomic cells, every primitive
/// as its state machine behind a pthread mutex.
final class RuntimeObjects: Sendable {
    enum Object: Sendable {
        case variable(VariableCell)
        case lock(LockBox)
        case semaphore(Guarded<SemaphoreState>)
        case barrier(Guarded<BarrierStateMachine>)
        case queue(Guarded<QueueStateMachine>)
        case worker(Guarded<CompletionStateMachine>)
    }

    let objects: [Object]

    init(_ scenario: CompiledScenario) {
        objects = scenario.objects.map { object in
            switch object.kind {
            case .variable(let initial): .variable(VariableCell(initial))
            case .lock: .lock(LockBox(reentrant: false))
            case .rlock: .lock(LockBox(reentrant: true))
            case .semaphore(let permits): .semaphore(Guarded(SemaphoreState(machine: SemaphoreStateMachine(permits: permits))))
            case .barrier(let parties): .barrier(Guarded(BarrierStateMachine(parties: parties)))
            case .queue(let capacity): .queue(Guarded(QueueStateMachine(capacity: capacity)))
            case .worker: .worker(Guarded(CompletionStateMachine(instances: object.instances.count)))
            }
        }
    }

    /// The instance holding lock `object`, for the monitor's cycle check (no mutex taken).
    func lockOwner(_ object: Int) -> Int? {
        guard object >= 0, object < objects.count, case .lock(let box) = objects[object] else { return nil }
        let owner = box.owner.load(ordering: .acquiring)
        return owner >= 0 ? owner : nil
    }
}

/// A shared integer. Reads and writes are atomic (memory-safe) but an increment is a read and
/// a separate write, so concurrent increments can lose updates, as `counter += 1` can in Python.
final class VariableCell: Sendable {
    let value: Atomic<Int>

    init(_ initial: Int) {
        value = Atomic(initial)
    }
}

/// A lock's state machine with its contention counters, and its owner mirrored in an atomic so
/// the monitor can follow wait-for chains without taking the lock's mutex.
final class LockBox: Sendable {
    struct State: Sendable {
        var machine: LockStateMachine
        var stats = ContentionCounter()
    }

    let state: Guarded<State>
    /// The owner's instance ID, or -1. Written only with the state's mutex held.
    let owner = Atomic<Int>(-1)

    init(reentrant: Bool) {
        state = Guarded(State(machine: LockStateMachine(reentrant: reentrant)))
    }
}

struct SemaphoreState: Sendable {
    var machine: SemaphoreStateMachine
    var stats = ContentionCounter()
}

/// Acquisitions of a lock or semaphore and the time spent waiting for it.
struct ContentionCounter: Sendable {
    var acquisitions = 0
    var contended = 0
    var totalWait: Int64 = 0
    var longestWait: Int64 = 0

    /// Counts an acquisition; `waitedSince` is when the caller first had to wait, if it did.
    mutating func count(waitedSince: Int64?) {
        acquisitions += 1
        guard let waitedSince else { return }
        let waited = monotonicNanoseconds() - waitedSince
        contended += 1
        totalWait += waited
        longestWait = max(longestWait, waited)
    }
}
