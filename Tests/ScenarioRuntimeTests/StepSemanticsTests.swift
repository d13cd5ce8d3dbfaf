import ScenarioRuntime
import ScenarioThreads
import Synchronization
import Testing

/// What single steps do, read from the final state and the timeline.
@Suite("Step semantics")
struct StepSemanticsTests {
    @Test func setIncrementAndDecrementWriteTheValuesTheyRecord() throws {
        let report = try runScenario("""
            scenario: Arithmetic
            variables:
              x: 5
              rounds: 3
              last: 0
            workers:
              w:
                - increment: x
                - increment: x
                  by: 10
                - decrement: x
                  by: 4
                - set: last
                  to: "{x}"
                - repeat: "{rounds}"
                  do:
                    - set: last
                      to: "{round}"
                    - decrement: x
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("x") == 9)
        #expect(report.variable("last") == 3)
        let x = try #require(report.objectIndex("x"))
        let updates = report.events(on: x).map { "\($0.kind.rawValue) \($0.value)" }
        // Each increment and decrement reads, then writes.
        #expect(updates == [
            "read integer(5)", "increment integer(6)", "read integer(6)", "increment integer(16)",
            "read integer(16)", "decrement integer(12)", "read integer(12)", "decrement integer(11)",
            "read integer(11)", "decrement integer(10)", "read integer(10)", "decrement integer(9)",
        ])
        let last = try #require(report.objectIndex("last"))
        #expect(report.events(on: last).map(\.value) == [.integer(12), .integer(1), .integer(2), .integer(3)])
    }

    @Test func roundIsTheInnermostRepeatsIteration() throws {
        let report = try runScenario("""
            scenario: Nested rounds
            workers:
              w:
                - repeat: 2
                  do:
                    - log: "outer {round}"
                    - repeat: 2
                      do:
                        - log: "inner {round}"
                    - log: "outer again {round}"
            """)
        #expect(report.status == .ok, "\(report.brief)")
        let logs = report.events.filter { $0.kind == .log }.map(\.value)
        let expected = ["outer 1", "inner 1", "inner 2", "outer again 1", "outer 2", "inner 1", "inner 2", "outer again 2"]
        #expect(logs == expected.map { .text($0) })
    }

    @Test func aRepeatCountIsReadOnceWhenTheLoopStarts() throws {
        // As range(n) in Python: changing n inside the loop does not change the number of rounds.
        let report = try runScenario("""
            scenario: Count read once
            variables:
              n: 3
              rounds: 0
            workers:
              w:
                - repeat: "{n}"
                  do:
                    - increment: n
                    - increment: rounds
                - repeat: 2
                  do:
                    - repeat: "{round}"
                      do:
                        - increment: rounds
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("n") == 6)
        #expect(report.variable("rounds") == 3 + 1 + 2)
    }

    @Test func repeatZeroRunsNothing() throws {
        let report = try runScenario("""
            scenario: Zero rounds
            variables:
              n: 0
              touched: 0
            workers:
              w:
                - repeat: 0
                  do:
                    - increment: touched
                - repeat: "{n}"
                  do:
                    - increment: touched
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("touched") == 0)
    }

    @Test func itemIsEachInstancesLastGet() throws {
        let report = try runScenario("""
            scenario: Items
            variables:
              total: 0
            locks:
              tally: lock
            queues:
              q: 0
            workers:
              producer:
                - put: q
                  value: 5
                - put: q
                  value: 7
                - put: q
                  value: "{i}-{worker}"
              consumer:
                - get: q
                - get: q
                - with: tally
                  do:
                    - increment: total
                      by: "{item}"
                - log: "item {item}"
                - get: q
                - log: "item {item}"
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("total") == 7)
        let logs = report.events.filter { $0.kind == .log }.map(\.value)
        #expect(logs == [.text("item 7"), .text("item 1-producer")])
    }

    @Test func itemUsedAsANumberBeforeAnyGetIsARuntimeError() throws {
        let report = try runScenario("""
            scenario: Item too early
            variables:
              total: 0
            queues:
              q: 0
            workers:
              w:
                - increment: total
                  by: "{item}"
                - put: q
                - get: q
            """)
        #expect(report.status == .error, "\(report.brief)")
        #expect(report.error?.message.contains("before this instance got anything") == true, "\(report.brief)")
        #expect(report.error?.location == "test.yaml:8:7")
    }

    @Test func bracesAreEscapedByDoubling() throws {
        let report = try runScenario("""
            scenario: Braces
            variables:
              n: 3
            workers:
              w:
                - log: "{{n}} is {n}, a set is {{1, 2}}"
            """)
        #expect(report.events.filter { $0.kind == .log }.map(\.value) == [.text("{n} is 3, a set is {1, 2}")])
    }

    @Test func blockedInstancesRecordABlockBeforeTheyGetThere() throws {
        let report = try runScenario("""
            scenario: Blocks
            locks:
              door: lock
            barriers:
              both: 2
            workers:
              first:
                - acquire: door
                - wait: both
                - log: "holding"
                - release: door
              second:
                - wait: both
                - acquire: door
                - release: door
            """)
        #expect(report.status == .ok, "\(report.brief)")
        let door = try #require(report.objectIndex("door"))
        let second = try #require(report.instanceIndex("second"))
        // 'second' may or may not find the door locked; when it does, a block comes first.
        let own = report.events(on: door).filter { $0.instance == second }.map(\.kind)
        #expect(own == [.acquire, .release] || own == [.block, .acquire, .release], "\(own)")
        let walk = TimelineCheck.mutualExclusion(report.events, lock: door, reentrant: false)
        #expect(walk.problems.isEmpty, "\(walk.problems)")
    }

    @Test func anRLockHeldSeveralTimesSaysHowManyInTheDeadlockReport() throws {
        let report = try runScenario("""
            scenario: Deep rlock
            locks:
              account: rlock
            barriers:
              both: 2
            workers:
              owner:
                - acquire: account
                - acquire: account
                - wait: both
                - wait: both
                - release: account
                - release: account
              other:
                - wait: both
                - acquire: account
                - release: account
            """)
        // 'owner' waits at the barrier a second time, which 'other' never reaches.
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.instance("other")?.waitingFor == "rlock account, held by owner (2 times)", "\(report.brief)")
    }

    @Test func streamedEventsAreTheTimeline() throws {
        let streamed = Mutex<[Event]>([])
        let compiled = try compileScenario("""
            scenario: Streaming
            variables:
              counter: 0
            locks:
              guard: lock
            queues:
              q: 2
            workers:
              w:
                count: 6
                steps:
                  - repeat: 300
                    do:
                      - with: guard
                        do:
                          - increment: counter
                      - put: q
                        value: "{worker} {round}"
                      - get: q
                      - log: "{item}"
            """)
        let report = ThreadsEngine.runBlocking(compiled, options: RunOptions(speed: 50, timeout: 30, onEvents: { batch in
            streamed.withLock { $0.append(contentsOf: batch) }
        }))
        #expect(report.status == .ok, "\(report.brief)")
        let events = streamed.withLock { $0 }
        #expect(events.count == report.events.count)
        #expect(events == Array(report.events))
    }
}
