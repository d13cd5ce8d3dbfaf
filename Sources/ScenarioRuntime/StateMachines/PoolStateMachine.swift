/// A thread pool (`ThreadPoolExecutor(max_workers=size)`): its tasks were submitted in order at
/// the start; the first `size` get a slot (`executor-1`…) at once, and each slot freed by a
/// finishing task goes to the next task in the queue, as a pool thread takes the next work item.
public struct PoolStateMachine: Sendable {
    public let size: Int
    /// The tasks (instances) in submission order; those from `next` on have no slot yet.
    private let queue: [Int]
    private var next = 0
    /// The slot (1-based) given to each task that has one.
    private var slots: [Int: Int] = [:]
    /// The task holding each slot (index `slot - 1`), or -1 for a free one: an engine that runs
    /// the tasks on the pool's own threads asks it which task a thread runs next.
    private var holderOfSlot: [Int]
    /// Tasks that tried to start before they had a slot, and wait for one.
    private var parked: Set<Int> = []

    public init(size: Int, submissions: [Int]) {
        self.size = size
        self.queue = submissions
        self.holderOfSlot = Array(repeating: -1, count: max(1, min(size, submissions.count)))
        for slot in 1...max(1, size) where next < queue.count {
            slots[queue[next]] = slot
            holderOfSlot[slot - 1] = queue[next]
            next += 1
        }
    }

    /// The slot `instance` runs in, or nil after marking it waiting for one.
    public mutating func start(_ instance: Int) -> Int? {
        if let slot = slots[instance] {
            parked.remove(instance)
            return slot
        }
        parked.insert(instance)
        return nil
    }

    /// Marks every task still in the queue waiting for a slot, as if each had tried to start,
    /// and returns them: for an engine that starts a task only once its slot is free.
    public mutating func parkQueued() -> ArraySlice<Int> {
        let waiting = queue[next...]
        parked.formUnion(waiting)
        return waiting
    }

    /// `instance` finished: its slot goes to the next queued task, returned when it waits to be woken.
    public mutating func finish(_ instance: Int) -> Int? {
        guard let slot = slots.removeValue(forKey: instance) else { return nil }
        guard next < queue.count else {
            holderOfSlot[slot - 1] = -1
            return nil
        }
        let task = queue[next]
        next += 1
        slots[task] = slot
        holderOfSlot[slot - 1] = task
        return parked.remove(task)
    }

    /// The task that holds `slot` (1-based) now, started or not; nil when the slot is free
    /// because the queue is empty.
    public func holder(ofSlot slot: Int) -> Int? {
        guard slot >= 1, slot <= holderOfSlot.count else { return nil }
        let task = holderOfSlot[slot - 1]
        return task >= 0 ? task : nil
    }

    /// How many slots ever hold a task: `size`, or fewer when fewer tasks were submitted.
    public var slotsInUse: Int { min(size, queue.count) }

    /// The tasks that hold a slot now, whether or not they have started.
    public var holders: [Int] { slots.keys.sorted() }

    /// The tasks still waiting in the queue, in submission order.
    public var queued: [Int] { Array(queue[next...]) }
}
