import ScenarioDiagnostics
import ScenarioSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rules about workers as a whole: something must end the run, instances are bounded, and a
/// worker cannot wait for itself.
enum WorkerRules {
    static func check(_ context: inout ValidationContext) {
        let workers = context.ast.workers
        if !workers.isEmpty, workers.allSatisfy(\.isDaemon) {
            context.error(
                "every worker is a daemon, so nothing would keep the run going (a run ends when its "
                    + "non-daemon workers finish); make at least one worker 'daemon: false'",
                at: context.ast.workersKey)
        }

        checkInstanceLimit(&context)

        for worker in workers {
            for (step, _) in worker.allSteps() {
                switch step.action {
                case .join(let target) where target.value == worker.name.value:
                    context.error(
                        "worker '\(worker.name.value)' joins itself, which would wait forever; join another "
                            + "worker or a queue", at: target.location)
                case .repeat(.forever(let location), _) where !worker.isDaemon:
                    let message = "'repeat: forever' in worker '\(worker.name.value)', which is not a daemon: the "
                        + "run cannot end until it is stopped (mark the worker 'daemon: true' to stop it when the "
                        + "others finish)"
                    if worker.isWritten(at: location) {
                        context.warning(message, at: location)
                    } else {
                        // The loop is written in a template or in another worker (perhaps a daemon),
                        // so the caret goes to the worker that is not a daemon.
                        context.warning(message, at: worker.name.location, notes: [DiagnosticNote(
                            "the 'repeat: forever', which worker '\(worker.name.value)' reuses through an alias",
                            at: location)])
                    }
                default:
                    break
                }
            }
        }
    }

    /// Instances are bounded by the runtime. On threads, an instance outside a pool is a thread,
    /// and a pool of N runs all its tasks on N threads of its own, so only those N count.
    private static func checkInstanceLimit(_ context: inout ValidationContext) {
        let limit = context.options.maxInstances(fileRuntime: context.ast.runtime?.value)
        let runtime = context.options.runtime ?? context.ast.runtime?.value ?? .threads
        let why = switch runtime {
        case .threads: "each instance is a thread, and a pool's tasks share the pool's threads; the async runtime "
            + "allows \(ValidationOptions.defaultMaxInstances(for: .async))"
        case .async: "each instance is a task"
        case .simulate: "each instance is a simulated interpreter"
        }
        var poolSizes: [String: Int] = [:]
        for declaration in context.ast.declarations {
            if case .pool(let size, _) = declaration.kind { poolSizes[declaration.name.value] = size ?? cores }
        }
        var tasksInPool: [String: Int] = [:]
        var total = 0
        for worker in context.ast.workers {
            var added = worker.instanceCount
            if runtime == .threads, let pool = worker.pool?.value, let size = poolSizes[pool] {
                // The threads this worker's tasks add to its pool's: none once the pool is full.
                let before = tasksInPool[pool, default: 0]
                let after = before.addingReportingOverflow(added)
                tasksInPool[pool] = after.overflow ? Int.max : after.partialValue
                added = min(size, tasksInPool[pool, default: 0]) - min(size, before)
            }
            let (sum, overflow) = total.addingReportingOverflow(added)
            total = sum
            guard overflow || total > limit else { continue }
            let count = overflow ? "more than \(Int.max)" : "\(total)"
            context.error(
                "worker '\(worker.name.value)' brings the scenario to \(count) instances, over the limit of "
                    + "\(limit) (\(why)); raise the limit with --max-instances if you mean it",
                at: worker.count?.location ?? worker.name.location)
            return
        }
    }

    /// The number of cores: the size of a pool that does not say.
    private static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
