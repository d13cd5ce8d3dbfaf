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
///
/// Plain memory rather than arrays, as the `Scheduler`: it is asked on every step, and arrays
/// would cost a uniqueness check on every insert and remove. A class, to free it; only the
/// simulation's thread uses it.
final class RandomChooser: Chooser {
    private var random: SplitMix64
    /// The set, in no particular order (removal swaps the last one in); `count` of them.
    private let members: UnsafeMutablePointer<Int32>
    private var count = 0
    /// Each instance's index in `members`, or -1.
    private let slots: UnsafeMutablePointer<Int32>
    private let capacity: Int

    init(instances: Int, seed: UInt64) {
        random = SplitMix64(seed: seed)
        capacity = max(1, instances)
        members = .allocate(capacity: capacity)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: -1, count: capacity)
    }

    deinit {
        members.deallocate()
        slots.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    func insert(_ instance: Int) {
        // Each instance is in the set at most once, so `members` never overflows.
        precondition(slots[instance] < 0, "instance \(instance) is already runnable")
        slots[instance] = Int32(truncatingIfNeeded: count)
        members[count] = Int32(truncatingIfNeeded: instance)
        count += 1
    }

    func remove(_ instance: Int) {
        let slot = Int(slots[instance])
        precondition(slot >= 0, "instance \(instance) is not runnable")
        count -= 1
        let last = members[count]
        if slot < count {
            members[slot] = last
            slots[Int(last)] = Int32(truncatingIfNeeded: slot)
        }
        slots[instance] = -1
    }

    @inline(__always)
    func choose(step: Int) -> Int {
        count == 1 ? Int(members[0]) : Int(members[random.below(count)])
    }
}
