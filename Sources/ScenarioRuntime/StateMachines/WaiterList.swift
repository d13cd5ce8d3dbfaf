/// Waiting instances in arrival order; an instance appears at most once.
struct WaiterList: Sendable {
    private(set) var all: [Int] = []

    var isEmpty: Bool { all.isEmpty }

    mutating func append(_ instance: Int) {
        if !all.contains(instance) { all.append(instance) }
    }

    mutating func remove(_ instance: Int) {
        if let index = all.firstIndex(of: instance) { all.remove(at: index) }
    }

    mutating func popFirst() -> Int? {
        all.isEmpty ? nil : all.removeFirst()
    }

    mutating func removeAll() -> [Int] {
        defer { all = [] }
        return all
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
}
