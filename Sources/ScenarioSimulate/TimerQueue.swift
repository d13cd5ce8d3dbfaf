/// Instances sleeping or working until a virtual time, earliest first; two that end at the same
/// time wake in the order they began, so that the run is the same every time.
struct TimerQueue {
    private var entries: [(time: Int64, order: Int, instance: Int)] = []
    private var made = 0

    var isEmpty: Bool { entries.isEmpty }
    /// When the earliest ends.
    var earliest: Int64? { entries.first?.time }

    mutating func add(_ instance: Int, until time: Int64) {
        entries.append((time, made, instance))
        made += 1
        var index = entries.count - 1
        while index > 0 {
            let parent = (index - 1) / 2
            guard Self.before(entries[index], entries[parent]) else { break }
            entries.swapAt(index, parent)
            index = parent
        }
    }

    /// The earliest instance whose time is at or before `time`, removed; nil when none.
    mutating func popDue(at time: Int64) -> Int? {
        guard let first = entries.first, first.time <= time else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var index = 0
            while true {
                let left = 2 * index + 1
                guard left < entries.count else { break }
                let right = left + 1
                let earlier = right < entries.count && Self.before(entries[right], entries[left]) ? right : left
                guard Self.before(entries[earlier], entries[index]) else { break }
                entries.swapAt(index, earlier)
                index = earlier
            }
        }
        return first.instance
    }

    private static func before(_ a: (time: Int64, order: Int, instance: Int), _ b: (time: Int64, order: Int, instance: Int)) -> Bool {
        a.time < b.time || (a.time == b.time && a.order < b.order)
    }
}
