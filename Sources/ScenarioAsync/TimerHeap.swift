/// Sleeping tasks by the time they wake: the event loop's timers, as asyncio keeps them in a
/// heap. Ties wake in the order they were set.
struct TimerHeap {
    struct Timer {
        let deadline: Int64
        let order: Int
        let continuation: UnsafeContinuation<Void, Never>

        func isBefore(_ other: Timer) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : order < other.order
        }
    }

    private var timers: [Timer] = []
    private var nextOrder = 0

    var isEmpty: Bool { timers.isEmpty }
    var earliest: Int64? { timers.first?.deadline }

    mutating func insert(deadline: Int64, _ continuation: UnsafeContinuation<Void, Never>) {
        timers.append(Timer(deadline: deadline, order: nextOrder, continuation: continuation))
        nextOrder += 1
        var child = timers.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard timers[child].isBefore(timers[parent]) else { break }
            timers.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the timers due at `now` (all of them when `now` is nil), earliest first.
    mutating func popDue(now: Int64?) -> [UnsafeContinuation<Void, Never>] {
        var due: [UnsafeContinuation<Void, Never>] = []
        while let first = timers.first, now.map({ first.deadline <= $0 }) ?? true {
            due.append(first.continuation)
            removeFirst()
        }
        return due
    }

    private mutating func removeFirst() {
        let last = timers.removeLast()
        guard !timers.isEmpty else { return }
        timers[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < timers.count, timers[left].isBefore(timers[first]) { first = left }
            if right < timers.count, timers[right].isBefore(timers[first]) { first = right }
            guard first != parent else { return }
            timers.swapAt(parent, first)
            parent = first
        }
    }
}
