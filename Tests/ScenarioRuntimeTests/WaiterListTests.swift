@testable import ScenarioRuntime
import Testing

@Suite("WaiterList")
struct WaiterListTests {
    @Test func keepsArrivalOrderAndEachInstanceOnce() {
        var list = WaiterList()
        for instance in [3, 1, 2, 1] { list.append(instance) }
        #expect(list.all == [3, 1, 2])
        list.remove(1)
        list.append(1)  // back in, at the end: its old place is gone
        #expect(list.all == [3, 2, 1])
        #expect(list.popFirst() == 3)
        #expect(list.popFirst() == 2)
        #expect(list.popFirst() == 1)
        #expect(list.popFirst() == nil)
        #expect(list.isEmpty)
    }

    /// 100,000 waiters, each removed by its own acquire in turn: linear, not quadratic (this took
    /// minutes when removal scanned the list).
    @Test func manyWaitersAreCheapToRemoveAndPop() {
        var list = WaiterList()
        let count = 100_000
        for instance in 0..<count { list.append(instance) }
        for instance in stride(from: 0, to: count, by: 2) { list.remove(instance) }
        var popped: [Int] = []
        while let next = list.popFirst() { popped.append(next) }
        #expect(popped == Array(stride(from: 1, to: count, by: 2)))
        #expect(list.isEmpty)
    }
}
