/// Waiting instances in arrival order; an instance appears at most once. Every operation is
/// O(1) (amortised), whatever the number of waiters: 100,000 async tasks may wait on one lock,
/// and an acquire removes its instance from the list every time.
struct WaiterList: Sendable {
    /// Arrivals in order, with the ticket each had; an entry whose ticket is no longer the
    /// instance's current one was removed (it is skipped, and dropped as the head passes it).
    private var arrivals: [(instance: Int, ticket: Int)] = []
    private var head = 0
    /// The ticket of each instance now waiting.
    private var tickets: [Int: Int] = [:]
    private var nextTicket = 0

    var isEmpty: Bool { tickets.isEmpty }

    /// The waiting instances, in arrival order (for reports).
    var all: [Int] {
        arrivals[head...].compactMap { tickets[$0.instance] == $0.ticket ? $0.instance : nil }
    }

    mutating func append(_ instance: Int) {
        guard tickets[instance] == nil else { return }
        tickets[instance] = nextTicket
        arrivals.append((instance, nextTicket))
        nextTicket += 1
    }

    mutating func remove(_ instance: Int) {
        guard !tickets.isEmpty else { return }  // the uncontended acquire's path
        if tickets.removeValue(forKey: instance) != nil, tickets.isEmpty { clear() }
    }

    mutating func popFirst() -> Int? {
        while head < arrivals.count {
            let (instance, ticket) = arrivals[head]
            head += 1
            if tickets[instance] == ticket {
                tickets[instance] = nil
                compact()
                return instance
            }
        }
        clear()
        return nil
    }

    mutating func removeAll() -> [Int] {
        let waiting = all
        clear()
        return waiting
    }

    /// For `join`: true when `isDone` (the instance stops waiting), else queues the instance.
    mutating func join(_ instance: Int, isDone: Bool) -> Bool {
        if isDone {
            remove(instance)
        } else {
            append(instance)
        }
        return isDone
    }

    private mutating func clear() {
        arrivals.removeAll(keepingCapacity: true)
        tickets.removeAll(keepingCapacity: true)
        head = 0
    }

    /// Drops the passed entries once they are most of the storage.
    private mutating func compact() {
        if tickets.isEmpty {
            clear()
        } else if head > 64, head * 2 > arrivals.count {
            arrivals.removeFirst(head)
            head = 0
        }
    }
}
