import ScenarioCompiler
import ScenarioRuntime
import ScenarioThreads
import Testing

/// On the threads runtime, a pool of N runs its tasks on N OS threads of its own, one task after
/// another, as `ThreadPoolExecutor` does, rather than a thread per task.
@Suite("Pools on threads of their own")
struct PoolThreadsTests {
    /// 20,000 tasks on a pool of 4, with the engine refusing a 17th thread: the run needs 4.
    @Test func twentyThousandTasksRunOnFourThreads() throws {
        let compiled = try compileScenario("""
            scenario: many tasks, few threads
            pools:
              executor: {kind: threads, size: 4}
            variables:
              total: 0
            locks:
              tally: lock
            workers:
              task:
                count: 20000
                pool: executor
                result: "{i * i}"
                steps:
                  - with: tally
                    do:
                      - increment: total
            """)
        var options = RunOptions(speed: 1, timeout: 120)
        options.maximumThreads = 16
        let report = ThreadsEngine.runBlocking(compiled, options: options)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("total") == 20000)
        #expect(report.results.count == 20000)
        let pool = try #require(report.objectIndex("executor"))
        var running = Set<Int32>()
        var most = 0
        var slots = Set<String>()
        var started = 0
        for event in report.events {
            if event.kind == .start, event.object == pool {
                running.insert(event.instance)
                most = max(most, running.count)
                started += 1
                if case .text(let slot) = event.value { slots.insert(slot) }
            } else if event.kind == .finish {
                running.remove(event.instance)
            }
        }
        #expect(most <= 4)
        #expect(slots == ["executor-1", "executor-2", "executor-3", "executor-4"])
        #expect(started == 20000)
    }

    /// An unpooled instance keeps a thread each; a pool adds one per slot, not one per task.
    @Test func threadsAreOnePerUnpooledInstanceAndOnePerSlot() throws {
        let yaml = """
            scenario: mixed
            pools:
              executor: {kind: threads, size: 2}
            workers:
              task:
                count: 50
                pool: executor
                steps:
                  - log: "task {i}"
              main:
                count: 3
                steps:
                  - log: "main {i}"
            """
        var options = RunOptions(speed: 1, timeout: 60)
        options.maximumThreads = 5
        let fits = ThreadsEngine.runBlocking(try compileScenario(yaml), options: options)
        #expect(fits.status == .ok, "\(fits.brief)")
        options.maximumThreads = 4
        let refused = ThreadsEngine.runBlocking(try compileScenario(yaml), options: options)
        #expect(refused.status == .error)
        #expect(refused.error?.message.contains("thread number 5 ('executor-2')") == true, "\(refused.error?.message ?? "")")
    }

    /// A queued task never starts before its slot frees, yet it counts as waiting for the pool:
    /// when every slot's task is stuck, the run is a deadlock naming the queued tasks too.
    @Test func queuedTasksBehindAStuckSlotAreADeadlock() throws {
        let report = try runScenario("""
            scenario: one slot, stuck
            pools:
              single: {kind: threads, size: 1}
            barriers:
              meet: 2
            workers:
              task:
                count: 3
                pool: single
                steps:
                  - wait: meet
            """)
        #expect(report.status == .deadlock, "\(report.brief)")
        #expect(report.instances.map(\.status) == [.blocked, .blocked, .blocked], "\(report.brief)")
    }
}
