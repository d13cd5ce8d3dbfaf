import ScenarioSyntax
import ScenarioValidation
import Testing

/// On the threads runtime a pool of N runs its tasks on N threads, so only those N count towards
/// the instance limit, not the tasks.
@Suite("Instance limit with pools")
struct PoolInstanceLimitTests {
    @Test func pooledTasksDoNotCountOnThreads() {
        Checked("""
            scenario: t
            pools:
              executor: {kind: threads, size: 8}
            workers:
              task:
                count: 100000
                pool: executor
                steps:
                  - log: hi
              main:
                count: 9992
                steps:
                  - log: hi
            """).expectValid()
    }

    @Test func aPoolsThreadsCount() {
        Checked("""
            scenario: t
            pools:
              executor: {kind: threads, size: 8}
            workers:
              task:
                count: 100000
                pool: executor
                steps:
                  - log: hi
              main:
                count: ‸9993
                steps:
                  - log: hi
            """).expect(.error, "worker 'main' brings the scenario to 10001 instances, over the limit of 10000")
    }

    @Test func aPoolBiggerThanTheLimitIsRefused() {
        Checked("""
            scenario: t
            pools:
              executor: {kind: threads, size: 20000}
            workers:
              task:
                count: ‸20000
                pool: executor
                steps:
                  - log: hi
            """).expect(.error, "worker 'task' brings the scenario to 20000 instances, over the limit of 10000")
    }

    @Test func theAsyncRuntimeCountsEveryTask() {
        Checked("""
            scenario: t
            pools:
              executor: {kind: threads, size: 8}
            workers:
              task:
                count: ‸1000001
                pool: executor
                steps:
                  - log: hi
            """, options: ValidationOptions(runtime: .async)).expect(.error, "over the limit of 1000000")
    }
}
