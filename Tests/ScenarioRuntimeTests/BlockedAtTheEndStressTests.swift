import Foundation
@testable import ScenarioRuntime
import ScenarioThreads
import Testing

/// An instance that the state machine queued, and that recorded its `block`, must end `blocked`
/// (and be explained), even when another instance decided the outcome a moment before it told
/// the monitor. It used to be reported `stopped`, with `block` then `stopped` in the timeline, in
/// one run in a few to one in a few hundred of the reentrant-lock example with a plain lock.
@Suite("Blocked instances stay blocked when the run ends")
struct BlockedAtTheEndTests {
    /// The race, driven directly: instance 0 forms a lock cycle on its own, then instance 1 is queued.
    @Test func anInstanceQueuedAfterTheOutcomeWasDecidedEndsBlocked() throws {
        let context = RunContext(scenario: try compileScenario("""
            scenario: Two instances and one plain lock
            locks:
              door: lock
            workers:
              w:
                count: 2
                steps:
                  - with: door
                    do:
                      - with: door
                        do: []
            """), speed: 1, streaming: false, waker: NoWaker())
        let door = try #require(context.scenario.objects.firstIndex { $0.name == "door" })
        guard case .lock(let lock) = context.objects.objects[door] else {
            Issue.record("door is not a lock")
            return
        }
        lock.state.withLock { state in _ = state.machine.acquire(by: 0) }
        lock.owner.publish(0)
        let wait = Wait(object: door, need: .lock)
        _ = context.monitor.block(0, on: wait, at: 1)  // waits for a lock it holds itself
        context.monitor.analyseIfDue()  // the analysis a waiting engine thread would run
        #expect(context.monitor.isStopping)
        #expect(!context.monitor.block(1, on: wait, at: 0), "the run is ending: instance 1 must not park")
        #expect(context.monitor.finalStates == [.blocked(wait), .blocked(wait)])
        #expect(context.monitor.waitForOutcome() == .deadlock(stuck: [0]))
    }

    /// scenarios/12-reentrant-lock.yaml with a plain lock: the first saver to take `account` waits
    /// for it itself. The other one either got as far as waiting for it (then it is `blocked`),
    /// or was stopped before its `acquire` (then it is `stopped`, with no `block`). Every run.
    @Test func theReentrantLockExampleWithAPlainLockReportsEveryWaitingInstanceBlocked() throws {
        let yaml = try String(
            contentsOf: packageRoot.appendingPathComponent("scenarios/12-reentrant-lock.yaml"), encoding: .utf8)
        #expect(yaml.contains("account: rlock"))
        let compiled = try compileScenario(yaml.replacingOccurrences(of: "account: rlock", with: "account: lock"))
        for run in 1...2000 {
            let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 50, timeout: 30))
            let problems = Self.problems(report)
            #expect(problems.isEmpty, "run \(run): \(problems); \(report.brief)")
            if !problems.isEmpty { break }
        }
    }

    private static func problems(_ report: RunReport) -> [String] {
        var problems: [String] = []
        guard report.status == .deadlock, let deadlock = report.deadlock else { return ["no deadlock"] }
        let kinds = report.instances.indices.map { index in
            report.events.filter { $0.instance == Int32(index) }.map(\.kind)
        }
        let holders = report.instances.indices.filter { kinds[$0].contains(.acquire) }
        if holders.count != 1 { problems.append("\(holders.count) instances took the lock") }
        for (index, instance) in report.instances.enumerated() {
            let waited = kinds[index].contains(.block)
            if holders.contains(index) && !waited { problems.append("\(instance.name) took the lock and did not wait") }
            if waited {
                if instance.status != .blocked { problems.append("\(instance.name) waited but is \(instance.status)") }
                if instance.waitingFor == nil { problems.append("\(instance.name) is not explained") }
                if kinds[index].last != .block { problems.append("\(instance.name) ends with \(kinds[index])") }
                if !deadlock.waits.contains(where: { $0.hasPrefix(instance.name + " ") }) {
                    problems.append("\(instance.name) is missing from \(deadlock.waits)")
                }
            } else if instance.status != .stopped || kinds[index] != [.start, .stopped] {
                problems.append("\(instance.name) never waited, but is \(instance.status) with \(kinds[index])")
            }
        }
        let blocked = report.instances.filter { $0.status == .blocked }.count
        if deadlock.waits.count != blocked { problems.append("\(deadlock.waits.count) waits for \(blocked) blocked") }
        problems += TimelineCheck.lifecycles(report.events, instances: report.instances)
        return problems
    }
}
