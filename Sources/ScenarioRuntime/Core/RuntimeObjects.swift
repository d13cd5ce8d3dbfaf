import ScenarioCompiler
import ScenarioSyntax
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The live objects of one run, indexed by object ID: variables as atomic cells, every primitive
/// as its state machine behind a pthread mutex.
///
/// The table holds handles (plain pointers) and `owners` keeps the objects alive: every instance
/// thread reads the table on every step, and references there would make all threads fight over
/// the same reference counts.
final class RuntimeObjects: Sendable {
    enum Object: Sendable {
        case variable(SharedInt)
        case lock(LockHandle)
        case semaphore(Guarded<SemaphoreState>.Handle)
        case barrier(Guarded<BarrierStateMachine>.Handle)
        case queue(Guarded<QueueStateMachine>.Handle)
        case worker(Guarded<CompletionStateMachine>.Handle)
        case pool(Guarded<PoolStateMachine>.Handle)
    }

    let objects: [Object]
    private let owners: [AnyObject & Sendable]

    init(_ scenario: CompiledScenario) {
        var owners: [AnyObject & Sendable] = []
        func guarded<State: Sendable>(_ state: State) -> Guarded<State>.Handle {
            let object = Guarded(state)
            owners.append(object)
            return object.handle
        }
        func lock(reentrant: Bool) -> LockHandle {
            let state = guarded(LockState(machine: LockStateMachine(reentrant: reentrant)))
            let owner = AtomicCell(initial: -1)
            owners.append(owner)
            return LockHandle(state: state, owner: owner.shared, isReentrant: reentrant)
        }
        objects = scenario.objects.enumerated().map { id, object in
            switch object.kind {
            case .variable(let initial):
                let cell = AtomicCell(initial: initial)
                owners.append(cell)
                return .variable(cell.shared)
            case .lock: return .lock(lock(reentrant: false))
            case .rlock: return .lock(lock(reentrant: true))
            case .semaphore(let permits):
                return .semaphore(guarded(SemaphoreState(machine: SemaphoreStateMachine(permits: permits))))
            case .barrier(let parties): return .barrier(guarded(BarrierStateMachine(parties: parties)))
            case .queue(let capacity): return .queue(guarded(QueueStateMachine(capacity: capacity)))
            case .worker: return .worker(guarded(CompletionStateMachine(instances: object.instances.count)))
            case .pool(let size, _):
                return .pool(guarded(PoolStateMachine(size: PoolSize.resolved(size), submissions: scenario.submissions(to: id))))
            }
        }
        self.owners = owners
    }

    /// The instance holding lock `object`, for the monitor's cycle check (no mutex taken).
    func lockOwner(_ object: Int) -> Int? {
        guard object >= 0, object < objects.count, case .lock(let lock) = objects[object] else { return nil }
        let owner = lock.owner.acquire()
        return owner >= 0 ? owner : nil
    }
}

/// An atomic integer at a fixed address, owned by an `AtomicCell`. As a shared variable, reads
/// and writes are atomic (memory-safe) but an increment is a read and a separate write, so
/// concurrent increments can lose updates, as `counter += 1` can in Python.
///
/// `@unchecked Sendable`: the pointee is atomic, and the owning `AtomicCell` outlives every use
/// (`RuntimeObjects.owners` keeps it for the whole run).
struct SharedInt: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Atomic<Int>>

    @inline(__always) func load() -> Int { pointer.pointee.load(ordering: .relaxed) }
    @inline(__always) func store(_ value: Int) { pointer.pointee.store(value, ordering: .relaxed) }
    /// With acquire ordering, to see what was written before a `publish`.
    @inline(__always) func acquire() -> Int { pointer.pointee.load(ordering: .acquiring) }
    /// With release ordering.
    @inline(__always) func publish(_ value: Int) { pointer.pointee.store(value, ordering: .releasing) }

    /// Runs `body` (a read or a write, and the event that records it) while no other access of
    /// this cell through here runs: so that the timeline orders a variable's reads and writes as
    /// they took effect (its `seq` order is their order), which a replay of the timeline relies
    /// on. Each access is atomic with its event, not an increment's read with its write: another
    /// instance's write can still come between them.
    @inline(__always) func writing(_ body: () -> Void) {
        holdStill()
        body()
        letGo()
    }

    /// Takes the access lock of `writing`, for a step that reads several variables and records
    /// its event while none of them changes. Whoever takes more than one takes them in order of
    /// object ID (`CompiledScenario.readSets` are sorted), so two such steps cannot deadlock.
    @inline(__always) func holdStill() {
        let lock = pointer + 1
        var spins = 0
        while !lock.pointee.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged {
            spins &+= 1
            // The holder was preempted between its access and its event: let it run.
            if spins & 63 == 0 { sched_yield() }
        }
    }

    /// Lets go of what `holdStill` took.
    @inline(__always) func letGo() {
        (pointer + 1).pointee.store(0, ordering: .releasing)
    }
}

/// Owns the memory of a `SharedInt`.
final class AtomicCell: Sendable {
    let shared: SharedInt

    init(initial: Int) {
        // The value, then the lock of `SharedInt.writing`.
        let pointer = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: 2)
        pointer.initialize(to: Atomic(initial))
        (pointer + 1).initialize(to: Atomic(0))
        shared = SharedInt(pointer: pointer)
    }

    deinit {
        shared.pointer.deinitialize(count: 2)
        shared.pointer.deallocate()
    }
}

struct LockState: Sendable {
    var machine: LockStateMachine
    var stats = ContentionCounter()
}

/// A lock's state machine, and its owner mirrored in an atomic so that the monitor can follow
/// wait-for chains without taking the lock's mutex (written only with that mutex held).
struct LockHandle: Sendable {
    let state: Guarded<LockState>.Handle
    let owner: SharedInt
    let isReentrant: Bool
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

    /// Counts an acquisition at `now`; `waitedSince` is when the caller first had to wait, if it did.
    mutating func count(waitedSince: Int64?, now: @autoclosure () -> Int64) {
        acquisitions += 1
        guard let waitedSince else { return }
        let waited = now() - waitedSince
        contended += 1
        // Saturating: thousands of instances waiting for a long time-out could pass 292 years in all.
        let (total, overflowed) = totalWait.addingReportingOverflow(waited)
        totalWait = overflowed ? .max : total
        longestWait = max(longestWait, waited)
    }
}
