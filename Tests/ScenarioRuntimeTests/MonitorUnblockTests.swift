@testable import ScenarioRuntime
import Testing

/// An instance retrying after a park counts itself as running again (`unblockSelf`), without
/// the monitor's mutex when a waker already did it.
@Suite("Monitor: unblocking oneself")
struct MonitorUnblockTests {
    private let yaml = """
        scenario: two waiters
        locks:
          gate: lock
        workers:
          waiter:
            count: 2
            steps:
              - with: gate
                do:
                  - log: "in"
        """

    @Test func aBlockedInstanceThatUnblocksItselfRunsAgain() throws {
        let scenario = try compileScenario(yaml)
        let monitor = RunMonitor(scenario: scenario, lockOwner: { _ in nil })
        let gate = try #require(scenario.objects.firstIndex { $0.name == "gate" })
        #expect(monitor.block(0, on: Wait(object: gate, need: .lock), at: 0))
        monitor.unblockSelf(0)
        #expect(monitor.finalStates == [.running, .running])
    }

    @Test func anInstanceAWakerUnblockedStaysRunningAndOthersStayBlocked() throws {
        let scenario = try compileScenario(yaml)
        let monitor = RunMonitor(scenario: scenario, lockOwner: { _ in nil })
        let gate = try #require(scenario.objects.firstIndex { $0.name == "gate" })
        let wait = Wait(object: gate, need: .lock)
        #expect(monitor.block(0, on: wait, at: 0))
        #expect(monitor.block(1, on: wait, at: 0))
        monitor.unblock(0)  // the waker
        monitor.unblockSelf(0)  // the instance, retrying: nothing more to do
        #expect(monitor.finalStates == [.running, .blocked(wait)])
        // Blocking again after being woken is seen again.
        #expect(monitor.block(0, on: wait, at: 0))
        monitor.unblockSelf(0)
        #expect(monitor.finalStates == [.running, .blocked(wait)])
    }
}
