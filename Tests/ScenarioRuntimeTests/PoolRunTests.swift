import ScenarioCompiler
import ScenarioRuntime
import ScenarioThreads
import Testing

/// Pools, results, callbacks, `as_completed` and `gather`, read off the timeline.
@Suite("Pools and futures: running")
struct PoolRunTests {
    static let squares = """
        scenario: ten squares on a pool of four
        pools:
          executor: {kind: threads, size: 4}
        workers:
          task:
            count: 10
            pool: executor
            result: "{i * i}"
            steps:
              - sleep: 2ms
            on_done:
              - log: "callback {result}"
          main:
            - as_completed: task
              do:
                - log: "completed {future} {result}"
            - gather: task
              do:
                - log: "gathered {future} {result}"
        """

    func report() throws -> RunReport { try runScenario(Self.squares, speed: 1) }

    @Test func neverMoreThanSizeRunAtOnceAndSlotsAreNamed() throws {
        let report = try report()
        #expect(report.status == .ok)
        let pool = try #require(report.objectIndex("executor"))
        var running = Set<Int32>()
        var most = 0
        var slots = Set<String>()
        for event in report.events {
            if event.kind == .start, event.object == pool {
                running.insert(event.instance)
                most = max(most, running.count)
                if case .text(let slot) = event.value { slots.insert(slot) }
            } else if event.kind == .finish {
                running.remove(event.instance)
            }
        }
        #expect(most == 4)
        #expect(slots == ["executor-1", "executor-2", "executor-3", "executor-4"])
        let submits = report.events.filter { $0.kind == .submit }.map(\.instance)
        #expect(submits == Array(0..<10), "submitted in declaration order, first")
        #expect(report.events.prefix(10).allSatisfy { $0.kind == .submit })
    }

    @Test func resultsAndRanksFollowCompletion() throws {
        let report = try report()
        #expect(report.results.map(\.instance) == (1...10).map { "task-\($0)" })
        #expect(report.results.map(\.value) == (1...10).map { $0 * $0 })
        #expect(Set(report.results.compactMap(\.completed)) == Set(1...10))
        let done = report.events.filter { $0.kind == .done }.map { report.instances[Int($0.instance)].name }
        let byRank = report.results.sorted { ($0.completed ?? 0) < ($1.completed ?? 0) }.map(\.instance)
        #expect(done == byRank)
    }

    @Test func callbacksRunInTheTasksOwnColumnAfterItsLastStep() throws {
        let report = try report()
        for instance in 0..<10 {
            let kinds = report.events.filter { $0.instance == Int32(instance) }.map(\.kind)
            #expect(kinds.suffix(4) == [.done, .callback, .log, .finish], "\(kinds)")
        }
    }

    @Test func asCompletedFollowsCompletionAndGatherSubmission() throws {
        let report = try report()
        let main = try #require(report.instanceIndex("main"))
        let logs = report.events.filter { $0.instance == main && $0.kind == .log }.compactMap { event -> String? in
            if case .text(let text) = event.value { text } else { nil }
        }
        let done = report.events.filter { $0.kind == .done }.map { report.instances[Int($0.instance)].name }
        let completed = logs.filter { $0.hasPrefix("completed") }
        #expect(completed == done.map { name in
            let index = Int(name.dropFirst(5)) ?? 0
            return "completed \(name) \(index * index)"
        })
        #expect(logs.filter { $0.hasPrefix("gathered") } == (1...10).map { "gathered task-\($0) \($0 * $0)" })
    }

    @Test func tasksHoldingEverySlotWhileWaitingForAQueuedOneDeadlock() throws {
        let report = try runScenario("""
            scenario: slots all taken
            pools:
              p: {kind: threads, size: 1}
            barriers:
              meet: 2
            workers:
              t:
                count: 2
                pool: p
                steps:
                  - wait: meet
            """)
        #expect(report.status == .deadlock)
        let deadlock = try #require(report.deadlock)
        #expect(deadlock.waits.contains { $0.contains("a slot of pool p") }, "\(deadlock.waits)")
    }
}
