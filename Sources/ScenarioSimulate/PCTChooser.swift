/// `--strategy pct`, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
/// Nagarakatte, "A randomized scheduler with probabilistic guarantees of finding bugs", ASPLOS
/// 2010). Each of the n instances gets a distinct random priority (d … d+n-1); d-1 change points
/// are drawn among the first k steps (k: `StepEstimate`), change point i carrying priority d-i.
/// The highest-priority runnable instance takes every step; at a change point the instance
/// about to take it first drops to that point's priority, below every initial one.
/// The guarantee: a bug that some d-1 well-placed preemptions (ordering constraints) expose is
/// found in one run with probability at least 1/(n·k^(d-1)), whatever the scenario, where
/// uniform random choice may need exponentially many runs.
struct PCTChooser: Chooser {
    private var priorities: [Int]
    /// The runnable instances, highest priority first.
    private var heap: IndexedMaxHeap
    /// Change points, by step: (step, new priority).
    private let changes: [(step: Int, priority: Int)]
    private var nextChange = 0

    init(instances: Int, seed: UInt64, depth: Int, estimatedSteps: Int) {
        var random = SplitMix64(seed: seed)
        var order = Array(0..<instances)
        // Fisher–Yates with our own generator: the same permutation everywhere.
        if instances > 1 {
            for index in stride(from: instances - 1, to: 0, by: -1) {
                order.swapAt(index, random.below(index + 1))
            }
        }
        var priorities = [Int](repeating: 0, count: instances)
        for (rank, instance) in order.enumerated() { priorities[instance] = depth + rank }
        self.priorities = priorities
        var changes: [(step: Int, priority: Int)] = []
        for point in 1..<max(1, depth) {
            changes.append((step: random.below(max(1, estimatedSteps)), priority: depth - point))
        }
        self.changes = changes.sorted { $0.step < $1.step }
        heap = IndexedMaxHeap(instances: instances)
    }

    var isEmpty: Bool { heap.isEmpty }

    mutating func insert(_ instance: Int) { heap.insert(instance, priority: priorities[instance]) }

    mutating func remove(_ instance: Int) { heap.remove(instance) }

    mutating func choose(step: Int) -> Int {
        while nextChange < changes.count, changes[nextChange].step <= step {
            if let top = heap.top {
                priorities[top] = changes[nextChange].priority
                heap.update(top, priority: priorities[top])
            }
            nextChange += 1
        }
        guard let top = heap.top else { preconditionFailure("pct chose among no runnable instance") }
        return top
    }
}

/// A binary max-heap of instances by priority that can remove or re-prioritise any member.
struct IndexedMaxHeap {
    private var entries: [(priority: Int, instance: Int)] = []
    /// Each instance's index in `entries`, or -1.
    private var positions: [Int]

    init(instances: Int) {
        positions = Array(repeating: -1, count: instances)
    }

    var isEmpty: Bool { entries.isEmpty }
    var top: Int? { entries.first?.instance }

    mutating func insert(_ instance: Int, priority: Int) {
        entries.append((priority, instance))
        positions[instance] = entries.count - 1
        siftUp(entries.count - 1)
    }

    mutating func remove(_ instance: Int) {
        let index = positions[instance]
        guard index >= 0 else { return }
        positions[instance] = -1
        let last = entries.removeLast()
        guard index < entries.count else { return }
        entries[index] = last
        positions[last.instance] = index
        siftDown(siftUp(index))
    }

    mutating func update(_ instance: Int, priority: Int) {
        let index = positions[instance]
        guard index >= 0 else { return }
        entries[index].priority = priority
        siftDown(siftUp(index))
    }

    @discardableResult
    private mutating func siftUp(_ start: Int) -> Int {
        var index = start
        while index > 0 {
            let parent = (index - 1) / 2
            guard entries[parent].priority < entries[index].priority else { break }
            swap(index, parent)
            index = parent
        }
        return index
    }

    private mutating func siftDown(_ start: Int) {
        var index = start
        while true {
            let left = 2 * index + 1
            guard left < entries.count else { return }
            let right = left + 1
            let larger = right < entries.count && entries[right].priority > entries[left].priority ? right : left
            guard entries[larger].priority > entries[index].priority else { return }
            swap(index, larger)
            index = larger
        }
    }

    private mutating func swap(_ a: Int, _ b: Int) {
        entries.swapAt(a, b)
        positions[entries[a].instance] = a
        positions[entries[b].instance] = b
    }
}
