import ScenarioCompiler
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processes of a run's process pools, one `ProcessImage` per slot, and the ids processes
/// have. Under the simulator ids are virtual, as its time is (the run's own process is 1, each
/// pool process the next number), so that a seed gives the same `{pid}` every time; otherwise
/// they are the operating system's.
package final class ProcessTable: Sendable {
    /// By pool object ID, the images of slots 1…size (index 0 is slot 1); empty for thread pools.
    private let images: [Int: [ProcessImage]]
    /// The id of the run's own process.
    package let ownPID: Int32
    private let nextVirtualPID = Atomic<Int32>(2)
    private let store: EventStore

    init(scenario: CompiledScenario, objects: RuntimeObjects, store: EventStore, virtualIDs: Bool) {
        self.store = store
        ownPID = virtualIDs ? 1 : Int32(getpid())
        var images: [Int: [ProcessImage]] = [:]
        for (id, object) in scenario.objects.enumerated() {
            guard case .pool(let size, true) = object.kind else { continue }
            images[id] = (1...PoolSize.resolved(size)).map { ProcessImage(pool: id, slot: $0, parent: objects, scenario: scenario) }
        }
        self.images = images
    }

    /// Whether the run has a process pool.
    package var isEmpty: Bool { images.isEmpty }

    /// The process of `slot` (1-based) of process pool `pool`; nil for a thread pool.
    package func image(pool: Int, slot: Int) -> ProcessImage? {
        guard let slots = images[pool] else { return nil }
        guard slots.indices.contains(slot - 1) else { preconditionFailure("pool \(pool) has no slot \(slot)") }
        return slots[slot - 1]
    }

    /// Every process image, pool by pool in object order, slot by slot.
    package var all: [ProcessImage] { images.keys.sorted().flatMap { images[$0] ?? [] } }

    /// Gives `image` a new process: `pid`, or under the simulator the next virtual id. False when
    /// the run has numbered as many processes as events can tell apart (65,535).
    @discardableResult
    package func start(_ image: ProcessImage, pid: Int32? = nil) -> Bool {
        let id = pid ?? nextVirtualPID.wrappingAdd(1, ordering: .relaxed).oldValue
        guard let number = store.number(process: id) else { return false }
        image.reborn(pid: id, number: number)
        return true
    }
}
