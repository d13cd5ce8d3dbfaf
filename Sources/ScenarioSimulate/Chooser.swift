/// The instances that may take a step now, and how the simulator picks the one that takes the
/// next. Used by the simulation's one thread only.
protocol Chooser {
    var isEmpty: Bool { get }
    /// `instance` may take steps (it was not in the set).
    mutating func insert(_ instance: Int)
    /// `instance` may not (it was in the set).
    mutating func remove(_ instance: Int)
    /// The instance that takes step number `step` (counted from 0); one in the set, never empty.
    mutating func choose(step: Int) -> Int
}

/// `--strategy random`: every runnable instance is equally likely to take each step.
struct RandomChooser: Chooser {
    private var random: SplitMix64
    /// The set, in no particular order (removal swaps the last one in).
    private var members: [Int32] = []
    /// Each instance's index in `members`, or -1.
    private var slots: [Int32]

    init(instances: Int, seed: UInt64) {
        random = SplitMix64(seed: seed)
        slots = Array(repeating: -1, count: instances)
        members.reserveCapacity(instances)
    }

    var isEmpty: Bool { members.isEmpty }

    mutating func insert(_ instance: Int) {
        slots[instance] = Int32(truncatingIfNeeded: members.count)
        members.append(Int32(truncatingIfNeeded: instance))
    }

    mutating func remove(_ instance: Int) {
        let slot = Int(slots[instance])
        let last = members.removeLast()
        if slot < members.count {
            members[slot] = last
            slots[Int(last)] = Int32(truncatingIfNeeded: slot)
        }
        slots[instance] = -1
    }

    @inline(__always)
    mutating func choose(step: Int) -> Int {
        members.count == 1 ? Int(members[0]) : Int(members[random.below(members.count)])
    }
}
