import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

/// Pools and futures: every mistake is reported at its column.
@Suite("Pools and futures: checking")
struct PoolCheckTests {
    static func scenario(pools: String = "p: {kind: threads, size: 2}", _ workers: String) -> String {
        "scenario: pools\npools:\n  \(pools)\nvariables:\n  total: 0\nlocks:\n  l: lock\nworkers:\n" + workers
    }

    static let mistakes: [ErrorCase] = [
        .init("unknown pool kind", scenario(pools: "p: {kind: ‸fibers}", """
              w: [{log: hi}]
            """), "a pool's kind is 'threads' (like ThreadPoolExecutor) or 'processes' (like ProcessPoolExecutor)"),
        .init("a lock in a process-pool task", scenario(pools: "p: {kind: processes, size: 2}", """
              w:
                pool: p
                steps:
                  - with: ‸l
                    do: [{log: hi}]
            """), "worker 'w' runs in process pool 'p', so each task gets a copy of the variables, not the parent's lock 'l': Python cannot pickle a threading.Lock"),
        .init("a queue in a process-pool task, nested", scenario(pools: "p: {kind: processes}", """
              w:
                pool: p
                steps:
                  - repeat: 2
                    do:
                      - put: ‸q
            """).replacingOccurrences(of: "locks:", with: "queues:\n  q: 0\nlocks:"), "not the parent's queue 'q': Python cannot pickle a queue.Queue"),
        .init("a process-pool task waits for futures", scenario(pools: "p: {kind: processes}", """
              t: [{log: hi}]
              w:
                pool: p
                steps:
                  - ‸gather: t
                    do: [{log: hi}]
            """), "its tasks run in other processes, which cannot wait for the parent's threads and futures ('gather: t')"),
        .init("exit outside a process pool", scenario("""
              w:
                - ‸exit: 1
            """), "'exit' ends the process that runs it, and worker 'w' has none of its own: it is not a task of a process pool"),
        .init("exit in a thread pool's task", scenario("""
              w:
                pool: p
                steps:
                  - ‸exit: 1
            """), "it is not a task of a process pool"),
        .init("exit in a process pool's callback", scenario(pools: "p: {kind: processes}", """
              w:
                pool: p
                steps: [{log: hi}]
                on_done:
                  - ‸exit: 1
            """), "its 'on_done' runs in the parent process"),
        .init("exit status past a byte", scenario(pools: "p: {kind: processes}", """
              w:
                pool: p
                steps:
                  - exit: ‸256
            """), "'exit' takes a status from 0 to 255"),
        .init("a pool of no threads", scenario(pools: "p: {kind: threads, size: ‸0}", """
              w: [{log: hi}]
            """), "a pool's size"),
        .init("unknown pool", scenario("""
              w:
                pool: ‸q
                steps: [{log: hi}]
            """), "'pool' uses 'q', which is not declared"),
        .init("pool that is not a pool", scenario("""
              w:
                pool: ‸l
                steps: [{log: hi}]
            """), "'pool' needs a pool, but 'l' is a lock"),
        .init("join of a pool", scenario("""
              w:
                - join: ‸p
            """), "'join' needs a queue or a worker, but 'p' is a pool"),
        .init("as_completed of a lock", scenario("""
              w:
                - as_completed: ‸l
                  do: [{log: hi}]
            """), "'as_completed' needs a worker, but 'l' is a lock"),
        .init("result outside a future", scenario("""
              w:
                result: 1
                steps:
                  - log: "{‸result}"
            """), "'{result}' is used outside 'on_done', 'as_completed' and 'gather'"),
        .init("future outside as_completed", scenario("""
              w:
                steps: [{log: hi}]
                on_done:
                  - log: "{‸future}"
            """), "'{future}' is used outside 'as_completed' and 'gather'"),
        .init("result of a worker without one", scenario("""
              t: [{log: hi}]
              w:
                - gather: t
                  do:
                    - log: "{‸result}"
            """), "'{result}' reads the result of worker 't', which has no 'result:'"),
        .init("waiting for its own futures", scenario("""
              w:
                count: 2
                steps:
                  - as_completed: ‸w
                    do: [{log: hi}]
            """), "worker 'w' waits for its own instances"),
        .init("result reading a lock", scenario("""
              w:
                result: "{‸l + 1}"
                steps: [{log: hi}]
            """), "'result' reads 'l', which is a lock, not a variable"),
        .init("on_done as a step", scenario("""
              w:
                - ‸on_done: [{log: hi}]
            """), "'on_done' is a key of a worker"),
        .init("a daemon in a pool", scenario("""
              w:
                daemon: true
                pool: ‸p
                steps: [{log: hi}]
              main: [{log: hi}]
            """), "worker 'w' is a daemon and runs in a pool"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsReportedAtItsColumn(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    @Test func aPooledScenarioChecks() {
        let checked = FrontEnd.check(Array(Self.scenario("""
              t:
                count: 3
                pool: p
                result: "{i * i}"
                steps: [{increment: total, by: "{i}"}]
                on_done: [{log: "{result} in {pid}"}]
              main:
                - as_completed: t
                  do: [{log: "{future} {result}"}]
                - gather: t
                  do: [{log: "{future} {result}"}]
            """).utf8), path: "p.yaml")
        #expect(checked.scenario != nil, "\(checked.diagnostics)")
    }
}
