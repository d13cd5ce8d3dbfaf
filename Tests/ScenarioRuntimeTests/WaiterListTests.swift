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

    /// Instances are kept by their number, not hashed: a list first joined by a high-numbered
    /// instance, then by lower ones, keeps them all in arrival order.
    @Test func instancesOfAnyNumberJoinInAnyOrder() {
        var list = WaiterList()
        for instance in [70_000, 5, 0, 1_000] { list.append(instance) }
        #expect(list.all == [70_000, 5, 0, 1_000])
        list.remove(12)  // never waited here: nothing happens
        list.remove(99_999)  // past every number seen so far: nothing happens
        #expect(list.popFirst() == 70_000)
        #expect(list.all == [5, 0, 1_000])
    }

    /// Leaving and coming back many times leaves only the latest arrival in the order, and the
    /// list still knows when nobody waits.
    @Test func comingBackManyTimesKeepsOnlyTheLatestArrival() {
        var list = WaiterList()
        list.append(1)
        for _ in 0..<200 {
            list.append(2)
            list.remove(2)
        }
        list.append(2)
        list.append(3)
        #expect(list.all == [1, 2, 3])
        #expect(list.popFirst() == 1)
        list.remove(2)
        #expect(list.popFirst() == 3)
        #expect(list.isEmpty)
        #expect(list.popFirst() == nil)
    }

    /// Everyone woken at once may wait again, each once, in their new order.
    @Test func afterRemovingAllEveryoneMayWaitAgain() {
        var list = WaiterList()
        for instance in [4, 2, 9] { list.append(instance) }
        let woken = list.removeAll()
        #expect(woken == [4, 2, 9])
        #expect(list.isEmpty)
        #expect(list.all.isEmpty)
        for instance in [9, 4, 9] { list.append(instance) }
        #expect(list.all == [9, 4])
        let joined = list.join(9, isDone: true)
        #expect(joined)
        #expect(list.all == [4])
        let queued = !list.join(2, isDone: false)
        #expect(queued)
        let rest = list.removeAll()
        #expect(rest == [4, 2])
    }
}
