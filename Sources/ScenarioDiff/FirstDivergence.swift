import ScenarioRuntime

/// The first pair of conflicting operations that the two runs ordered differently: two
/// operations of different instances on the same object, at least one of which changes it
/// (two acquisitions of one lock, a put and a get on one queue, two writes of one variable, two
/// arrivals at a barrier), that A did in one order and B in the other.
///
/// An operation is known in both runs by its instance, its kind, its object and how many such
/// operations the instance made before it ("bob's 2nd acquire of lock_a"). For each object, the
/// operations both runs made are listed in each run's order; the first place where the lists
/// differ is a pair ordered differently. Two reads of a variable do not conflict: the order of
/// reads that follow one another is ignored (each such stretch is put in one canonical order in
/// both lists), and a read is paired only with a write the other run did before it. Of all objects, the pair whose first operation came
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
    static let conflicting: Set<EventKind> = [.acquire, .read, .increment, .decrement, .set, .put, .get, .wait, .taskDone]

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
            let commonA = canonical(listA.filter { positionInB[$0.operation] != nil })
            let commonB = canonical(listB.filter { positionInA[$0.operation] != nil })
            guard
                let index = zip(commonA, commonB).enumerated().first(where: { $0.element.0.operation != $0.element.1.operation })?.offset,
                let (x, y) = conflictingPair(at: index, commonA, commonB),
                let aSecond = positionInA[y.operation], let bSecond = positionInB[x.operation]
            else { continue }
            let candidate = FirstDivergence(object: object, aFirst: x.position, aSecond: aSecond, bFirst: y.position, bSecond: bSecond)
            if let current = best, a[current.aFirst].seq <= a[candidate.aFirst].seq { continue }
            best = candidate
        }
        return best
    }

    private typealias Entry = (operation: Operation, position: Int)

    /// The list with every stretch of consecutive reads sorted by instance and ordinal: reads
    /// that follow one another commute, so their order is no divergence.
    private static func canonical(_ list: [Entry]) -> [Entry] {
        var result = list
        var start = 0
        while start < result.count {
            guard result[start].operation.kind == .read else {
                start += 1
                continue
            }
            var end = start
            while end < result.count, result[end].operation.kind == .read { end += 1 }
            result[start..<end].sort {
                ($0.operation.instance, $0.operation.ordinal) < ($1.operation.instance, $1.operation.ordinal)
            }
            start = end
        }
        return result
    }

    /// At the first place the lists differ, A did `x` where B did something else: the pair is
    /// `x` and the first operation B did before `x` that conflicts with it (not two reads).
    private static func conflictingPair(at index: Int, _ commonA: [Entry], _ commonB: [Entry]) -> (Entry, Entry)? {
        let x = commonA[index]
        for y in commonB[index...] {
            if y.operation == x.operation { return nil }
            if !(x.operation.kind == .read && y.operation.kind == .read) { return (x, y) }
        }
        return nil
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
