import ScenarioRuntime

/// Compares two recordings: status, final state, each instance's own events (aligned), and the
/// first pair of operations the runs ordered differently.
public enum RunComparison {
    /// - Parameter timeTolerance: when set, two events match only if their times differ by at most
    ///   this many seconds; when nil, times are ignored.
    public static func compare(
        _ a: Recording, _ b: Recording, names: DiffNames, timeTolerance: Double? = nil,
        maximumDifferences: Int = SequenceAlignment.defaultMaximumDifferences
    ) -> RunDiff {
        var status: (a: String, b: String)?
        if let statusA = a.status, let statusB = b.status, statusA != statusB { status = (statusA, statusB) }
        let tolerance = timeTolerance.map { Int64(($0 * 1e9).rounded()) }
        return RunDiff(
            a: a, b: b, names: names, timeTolerance: timeTolerance, status: status, state: stateDifferences(a, b),
            divergence: FirstDivergence.find(a: a.events, b: b.events),
            instances: instanceDifferences(a, b, tolerance: tolerance, maximumDifferences: maximumDifferences))
    }

    private static func stateDifferences(_ a: Recording, _ b: Recording) -> [StateDifference] {
        func differences(_ left: [String: Int], _ right: [String: Int], kind: StateDifference.Kind) -> [StateDifference] {
            left.compactMap { name, value in
                guard let other = right[name], other != value else { return nil }
                return StateDifference(name: name, kind: kind, a: value, b: other)
            }.sorted { $0.name < $1.name }
        }
        return differences(a.variables, b.variables, kind: .variable) + differences(a.queues, b.queues, kind: .queue)
    }

    private static func instanceDifferences(
        _ a: Recording, _ b: Recording, tolerance: Int64?, maximumDifferences: Int
    ) -> [InstanceDifference] {
        let count = max(a.instances.max().map { Int($0) + 1 } ?? 0, b.instances.max().map { Int($0) + 1 } ?? 0)
        let positionsA = positionsByInstance(a.events, count: count)
        let positionsB = positionsByInstance(b.events, count: count)
        var order = a.instances
        let inA = Set(order)
        order += b.instances.filter { !inA.contains($0) }
        return order.map { instance in
            let left = positionsA[Int(instance)]
            let right = positionsB[Int(instance)]
            let alignment = SequenceAlignment(countA: left.count, countB: right.count, maximumDifferences: maximumDifferences) { i, j in
                matches(a.events[left[i]], b.events[right[j]], tolerance: tolerance)
            }
            return InstanceDifference(
                instance: instance, onlyInA: alignment.onlyInA.map { left[$0] }, onlyInB: alignment.onlyInB.map { right[$0] },
                isMinimal: alignment.isMinimal)
        }
    }

    /// Positions of each instance's events, in order.
    private static func positionsByInstance(_ events: [Event], count: Int) -> [[Int]] {
        var positions = [[Int]](repeating: [], count: count)
        for (position, event) in events.enumerated() where Int(event.instance) < count {
            positions[Int(event.instance)].append(position)
        }
        return positions
    }

    /// Same kind, object and value (and time, within the tolerance, when one is given).
    @inline(__always)
    static func matches(_ x: Event, _ y: Event, tolerance: Int64?) -> Bool {
        guard x.kind == y.kind, x.object == y.object, x.value == y.value else { return false }
        guard let tolerance else { return true }
        let gap = x.nanoseconds.subtractingReportingOverflow(y.nanoseconds)
        return !gap.overflow && gap.partialValue.magnitude <= tolerance.magnitude
    }
}
