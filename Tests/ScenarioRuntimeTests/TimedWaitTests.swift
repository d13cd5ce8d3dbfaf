@testable import ScenarioRuntime
import Testing

/// Timed waits take monotonic deadlines. On Darwin, where a condition variable cannot be told to
/// use the monotonic clock, a monotonic deadline read as a wall-clock time lies decades in the
/// past: every timed wait returned at once, and the parkers, the monitor and the streamer spun
/// at 100% CPU. (On Linux these tests passed before the fix too; they are Darwin's regression tests.)
@Suite("Timed waits")
struct TimedWaitTests {
    /// How many times a loop waits on an unsignalled condition until a deadline 20 ms away has
    /// passed: one (or a few, after spurious wake-ups) when the wait lasts until the deadline.
    @Test func aTimedWaitLastsUntilItsDeadline() {
        let mutex = PThreadMutex()
        let condition = PThreadCondition()
        let deadline = monotonicNanoseconds() + 20_000_000
        var waits = 0
        mutex.withLock {
            while monotonicNanoseconds() < deadline && waits < 100 {
                _ = condition.wait(mutex, until: deadline)
                waits += 1
            }
        }
        #expect(waits < 100, "the timed wait returned at once, again and again")
    }

    @Test func aDeadlineInThePastReturnsAtOnce() {
        let mutex = PThreadMutex()
        let condition = PThreadCondition()
        let timedOut = mutex.withLock { !condition.wait(mutex, until: monotonicNanoseconds() - 1_000_000) }
        #expect(timedOut)
    }

    @Test func aParkerWaitsUntilItsDeadlineUnlessUnparked() {
        let parker = Parker()
        let deadline = monotonicNanoseconds() + 20_000_000
        #expect(!parker.park(until: deadline))
        #expect(monotonicNanoseconds() >= deadline)
        parker.unpark()
        #expect(parker.park(until: monotonicNanoseconds() + 60_000_000_000), "the permit was lost")
    }
}
