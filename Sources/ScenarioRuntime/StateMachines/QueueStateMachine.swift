/// A FIFO queue, as queue.Queue: `put` waits while a bounded queue is full, `get` while it is
/// empty, and `join` until every item put has been marked done.
public struct QueueStateMachine: Sendable {
    public enum PutAction: Sendable, Equatable {
        /// Put `item` (numbered when no value was given); wake this getter, if any.
        case put(item: EventValue, wake: Int?)
        case mustWait
    }

    public enum GetAction: Sendable, Equatable {
        case got(item: EventValue, wake: Int?)
        case mustWait
    }

    public enum TaskDoneAction: Sendable, Equatable {
        /// Done; when the last unfinished task finished, wake these joiners.
        case done(wake: [Int])
        /// More `task_done` calls than items put.
        case tooMany
    }

    /// 0 means unbounded.
    public let capacity: Int
    private var items: [EventValue] = []
    private var head = 0
    public private(set) var unfinished = 0
    private var nextNumber = 1
    private var getters = WaiterList()
    private var putters = WaiterList()
    private var joiners = WaiterList()

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    public var count: Int { items.count - head }
    public var isFull: Bool { capacity > 0 && count >= capacity }
    public var waitingToGet: [Int] { getters.all }
    public var waitingToPut: [Int] { putters.all }
    public var waitingToJoin: [Int] { joiners.all }

    public mutating func put(_ value: EventValue?, by instance: Int) -> PutAction {
        guard !isFull else {
            putters.append(instance)
            return .mustWait
        }
        putters.remove(instance)
        let item: EventValue
        if let value {
            item = value
        } else {
            item = .integer(nextNumber)
            nextNumber += 1
        }
        items.append(item)
        unfinished += 1
        return .put(item: item, wake: getters.popFirst())
    }

    public mutating func get(by instance: Int) -> GetAction {
        guard head < items.count else {
            getters.append(instance)
            return .mustWait
        }
        getters.remove(instance)
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)  // amortised: drop the consumed prefix now and then
            head = 0
        }
        return .got(item: item, wake: putters.popFirst())
    }

    public mutating func taskDone() -> TaskDoneAction {
        guard unfinished > 0 else { return .tooMany }
        unfinished -= 1
        return .done(wake: unfinished == 0 ? joiners.removeAll() : [])
    }

    /// Whether `join` may return now; otherwise the caller is added to the joiners.
    public mutating func join(by instance: Int) -> Bool {
        joiners.join(instance, isDone: unfinished == 0)
    }

    public mutating func cancel(_ instance: Int) {
        getters.remove(instance)
        putters.remove(instance)
        joiners.remove(instance)
    }
}
