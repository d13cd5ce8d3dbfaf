/// Waiting instances in arrival order; an instance appears at most once. Every operation is
/// O(1) (amortised), whatever the number of waiters: 100,000 async tasks may wait on one lock,
/// and an acquire removes its instance from the list every time.
///
/// Nothing is hashed: about half of all acquires block under the simulator's random schedule,
/// and hashing instance numbers into a dictionary was an eighth of its time. Each instance's
/// ticket sits at its own index instead, in an array that grows to the highest instance that
/// ever waited here (8 bytes each).
struct WaiterList: Sendable {
    /// Arrivals in order, with the ticket each had; an entry whose ticket is no longer the
    /// instance's current one was removed (it is skipped, and dropped as the head passes it).
    private var arrivals: [(instance: Int, ticket: Int)] = []
    private var head = 0
    /// The ticket of each instance now waiting, by instance; 0 for one that is not waiting
    /// (tickets start at 1). Shorter than the number of instances until a later one waits.
    private var tickets: [Int] = []
    /// How many instances are waiting (entries of `arrivals` whose ticket is current).
    private var waitingCount = 0
    private var nextTicket = 1

    var isEmpty: Bool { waitingCount == 0 }

    /// The waiting instances, in arrival order (for reports).
    var all: [Int] {
        arrivals[head...].compactMap { isCurrent($0) ? $0.instance : nil }
    }

    mutating func append(_ instance: Int) {
        if instance >= tickets.count {
            // Doubling, so that instances arriving in increasing order cost O(1) amortised.
            tickets.append(contentsOf: repeatElement(0, count: max(instance + 1, 2 * tickets.count) - tickets.count))
        }
        guard tickets[instance] == 0 else { return }
        tickets[instance] = nextTicket
        arrivals.append((instance, nextTicket))
        nextTicket += 1
        waitingCount += 1
    }

    mutating func remove(_ instance: Int) {
        // The uncontended acquire's path: nobody waits.
        guard waitingCount > 0, instance < tickets.count, tickets[instance] != 0 else { return }
        tickets[instance] = 0
        waitingCount -= 1
        if waitingCount == 0 { clear() }
    }

    mutating func popFirst() -> Int? {
        while head < arrivals.count {
            let entry = arrivals[head]
            head += 1
            if isCurrent(entry) {
                tickets[entry.instance] = 0
                waitingCount -= 1
                compact()
                return entry.instance
            }
        }
        clear()
        return nil
    }

    mutating func removeAll() -> [Int] {
        let waiting = all
        for instance in waiting { tickets[instance] = 0 }
        waitingCount = 0
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

    @inline(__always)
    private func isCurrent(_ entry: (instance: Int, ticket: Int)) -> Bool {
        tickets[entry.instance] == entry.ticket
    }

    /// Forgets the arrivals; only once nobody waits, so that every ticket is already 0.
    private mutating func clear() {
        arrivals.removeAll(keepingCapacity: true)
        head = 0
    }

    /// Drops the passed entries once they are most of the storage.
    private mutating func compact() {
        if waitingCount == 0 {
            clear()
        } else if head > 64, head * 2 > arrivals.count {
            arrivals.removeFirst(head)
            head = 0
        }
    }
}
