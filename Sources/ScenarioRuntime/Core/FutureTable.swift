import ScenarioCompiler
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each instance's future: its result and its rank in completion order (0 until it is done).
/// Written once by the instance as it completes, before it takes its worker's completion mutex
/// to say so; read by others only after they saw it completed under that mutex (or after the run).
///
/// `@unchecked Sendable`: the pointers never change, the memory is atomics, freed in `deinit`.
final class FutureTable: @unchecked Sendable {
    private let count: Int
    private let values: UnsafeMutablePointer<Atomic<Int>>
    private let ranks: UnsafeMutablePointer<Atomic<Int>>
    private let completions = Atomic<Int>(0)
    /// Held while a rank is taken and the `done` event that shows it is recorded, so that ranks
    /// follow the timeline's order of `done` events, whichever workers the futures belong to.
    private let ranking = PThreadMutex()

    init(instances: Int) {
        count = max(1, instances)
        values = .allocate(capacity: count)
        ranks = .allocate(capacity: count)
        for index in 0..<count {
            (values + index).initialize(to: Atomic(0))
            (ranks + index).initialize(to: Atomic(0))
        }
    }

    deinit {
        values.deinitialize(count: count)
        ranks.deinitialize(count: count)
        values.deallocate()
        ranks.deallocate()
    }

    /// Records that `instance` completed with `value`; returns its 1-based rank.
    /// `recordDone` records the `done` event in the same critical section as the rank is taken.
    func complete(_ instance: Int, value: Int, recordDone: () -> Void) -> Int {
        values[instance].store(value, ordering: .relaxed)
        return ranking.withLock {
            let rank = completions.wrappingAdd(1, ordering: .relaxed).newValue
            ranks[instance].store(rank, ordering: .releasing)
            recordDone()
            return rank
        }
    }

    func value(_ instance: Int) -> Int { values[instance].load(ordering: .relaxed) }

    /// The tasks whose process died before they were done: their futures have no result.
    private let failed = Guarded<[Int: String]>([:])

    /// Marks `instance`'s future failed (`how` its process died); call before its worker is told it finished.
    func fail(_ instance: Int, how: String) { failed.handle.withLock { $0[instance] = how } }

    func hasFailed(_ instance: Int) -> Bool { failed.handle.withLock { $0[instance] != nil } }

    /// How the process of `instance`'s task died, if it did.
    func failure(_ instance: Int) -> String? { failed.handle.withLock { $0[instance] } }

    /// 0 when the instance never completed.
    func rank(_ instance: Int) -> Int { ranks[instance].load(ordering: .acquiring) }
}

/// A pool's size when `size:` is left out: the number of cores, as Python bases its default on it.
package enum PoolSize {
    package static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func resolved(_ size: Int?) -> Int { size ?? cores }
}

extension CompiledScenario {
    /// The instances submitted to pool `pool`, in submission (declaration) order.
    func submissions(to pool: ObjectID) -> [Int] {
        instances.indices.filter { instances[$0].pool == pool }
    }
}
