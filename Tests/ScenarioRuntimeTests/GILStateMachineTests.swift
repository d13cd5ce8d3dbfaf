import ScenarioRuntime
import Testing

/// The GIL's state machine on its own: one holder, waiters in order, and a drop request only
/// once someone has waited a switch interval.
@Suite("GIL state machine")
struct GILStateMachineTests {
    @Test func theFirstToAskHoldsItAndOthersWait() {
        var gil = GILStateMachine(interval: 5)
        #expect(gil.acquire(by: 0, now: 0) == .acquired)
        #expect(gil.acquire(by: 1, now: 1) == .mustWait(holder: 0))
        #expect(gil.acquire(by: 2, now: 2) == .mustWait(holder: 0))
        #expect(gil.holder == 0)
        #expect(gil.waiting == [1, 2])
        // Asking again while queued keeps the place (a spurious wake-up).
        #expect(gil.acquire(by: 1, now: 3) == .mustWait(holder: 0))
        #expect(gil.waiting == [1, 2])
    }

    @Test func theHolderIsAskedToDropItOnlyWhenSomeoneHasWaitedTheInterval() {
        var gil = GILStateMachine(interval: 5)
        _ = gil.acquire(by: 0, now: 0)
        // Nobody waits: never, however long it holds it.
        #expect(!gil.mustDrop(0, now: 1_000_000))
        #expect(gil.dropDeadline == nil)
        _ = gil.acquire(by: 1, now: 100)
        #expect(gil.dropDeadline == 105)
        #expect(!gil.mustDrop(0, now: 104))
        #expect(gil.mustDrop(0, now: 105))
        // Only the holder is asked.
        #expect(!gil.mustDrop(1, now: 200))
    }

    @Test func aReleaseHandsItToTheFirstWaiterAndRestartsTheInterval() {
        var gil = GILStateMachine(interval: 5)
        _ = gil.acquire(by: 0, now: 0)
        _ = gil.acquire(by: 1, now: 1)
        _ = gil.acquire(by: 2, now: 2)
        #expect(gil.release(by: 0, now: 6) == 1)
        #expect(gil.holder == 1)
        // The one it was handed to holds it already; the one that dropped it must queue.
        #expect(gil.acquire(by: 1, now: 7) == .acquired)
        #expect(gil.acquire(by: 0, now: 7) == .mustWait(holder: 1))
        #expect(gil.dropDeadline == 11)
        #expect(gil.release(by: 1, now: 11) == 2)
        #expect(gil.release(by: 2, now: 12) == 0)
        // The last waiter took it: nobody waits, no deadline.
        #expect(gil.dropDeadline == nil)
        #expect(gil.release(by: 0, now: 13) == nil)
        #expect(gil.holder == nil)
    }

    @Test func aReleaseByAnotherChangesNothing() {
        var gil = GILStateMachine(interval: 5)
        _ = gil.acquire(by: 0, now: 0)
        _ = gil.acquire(by: 1, now: 0)
        #expect(gil.release(by: 1, now: 1) == nil)
        #expect(gil.holder == 0)
        gil.cancel(1)
        #expect(gil.waiting.isEmpty)
        #expect(gil.dropDeadline == nil)
    }
}
