import ScenarioRuntime

/// The first pair of conflicting operations that the two runs ordered differently: two
/// operations of different instances on the same object, at least one of which changes it
/// (two acquisitions of one lock, a put and a get on one queue, two writes of one variable, two
/// arrivals at a barrier), that A did in one order and B in the other.
///
/// An operation is known in both runs by its instance, its kind, its object and how many such
/// operations the instance made before it ("bob's 2nd acquire of lock_a"). For each object, the
/// operations both runs made are listed in each run's order; the first place where the lists
/// differ is a pair ordered differently. Of all objects, the pair whose first operation came
/// earliest in A is the first divergence. Linear in the events (hash tables, no N×M table).
public struct FirstDivergence: Sendable, Equatable {
    /// The object both operations are on (an index into `DiffNames.objects`).
    public var object: Int32
    /// Positions in A's events: the operation A did first (`first`), and the other one.
    public var aFirst: Int
    public var aSecond: Int
    /// Positions in B's events: the operation B did first (A's second), and the other one.
    public var bFirst: Int
    public var bSecond: Int

    /// Event kinds that take effect on their object, so that their order between instances matters.
    static let conflicting: Set<EventKind> = [.acquire, .increment, .decrement, .set, .put, .get, .wait, .taskDone]

    private struct Operation: Hashable {
        var instance: Int32
        var kind: EventKind
        var object: Int32
        /// How many operations of this instance, kind and object came before it.
        var ordinal: Int32
    }

    /// The first divergence, or nil when every object's common operations are in the same order.
    public static func find(a: [Event], b: [Event]) -> FirstDivergence? {
        let operationsA = operationsByObject(a)
        let operationsB = operationsByObject(b)
        var best: FirstDivergence?
        for (object, listA) in operationsA {
            guard let listB = operationsB[object] else { continue }
            let positionInB = Dictionary(listB.map { ($0.operation, $0.position) }, uniquingKeysWith: { first, _ in first })
            let positionInA = Dictionary(listA.map { ($0.operation, $0.position) }, uniquingKeysWith: { first, _ in first })
            let commonA = listA.lazy.filter { positionInB[$0.operation] != nil }
            let commonB = listB.lazy.filter { positionInA[$0.operation] != nil }
            guard
                let (x, y) = zip(commonA, commonB).first(where: { $0.operation != $1.operation }),
                let aSecond = positionInA[y.operation], let bSecond = positionInB[x.operation]
            else { continue }
            let candidate = FirstDivergence(object: object, aFirst: x.position, aSecond: aSecond, bFirst: y.position, bSecond: bSecond)
            if let current = best, a[current.aFirst].seq <= a[candidate.aFirst].seq { continue }
            best = candidate
        }
        return best
    }

    private static func operationsByObject(_ events: [Event]) -> [Int32: [(operation: Operation, position: Int)]] {
        var counts: [Operation: Int32] = [:]
        var byObject: [Int32: [(operation: Operation, position: Int)]] = [:]
        for (position, event) in events.enumerated() where event.object >= 0 && conflicting.contains(event.kind) {
            var operation = Operation(instance: event.instance, kind: event.kind, object: event.object, ordinal: 0)
            let ordinal = counts[operation, default: 0]
            counts[operation] = ordinal + 1
            operation.ordinal = ordinal
            byObject[event.object, default: []].append((operation, position))
        }
        return byObject
    }
}
