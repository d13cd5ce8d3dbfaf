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
    /// Tasks that tried to start before they had a slot, and wait for one.
    private var parked: Set<Int> = []

    public init(size: Int, submissions: [Int]) {
        self.size = size
        self.queue = submissions
        for slot in 1...max(1, size) where next < queue.count {
            slots[queue[next]] = slot
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

    /// `instance` finished: its slot goes to the next queued task, returned when it waits to be woken.
    public mutating func finish(_ instance: Int) -> Int? {
        guard let slot = slots.removeValue(forKey: instance), next < queue.count else { return nil }
        let task = queue[next]
        next += 1
        slots[task] = slot
        return parked.remove(task)
    }

    /// The tasks that hold a slot now, whether or not they have started.
    public var holders: [Int] { slots.keys.sorted() }

    /// The tasks still waiting in the queue, in submission order.
    public var queued: [Int] { Array(queue[next...]) }
}
