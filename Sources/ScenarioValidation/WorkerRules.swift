import ScenarioDiagnostics
import ScenarioSyntax

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

        var total = 0
        let limit = context.options.maxInstances(fileRuntime: context.ast.runtime?.value)
        let runtime = context.options.runtime ?? context.ast.runtime?.value ?? .threads
        let why = switch runtime {
        case .threads: "each instance is a thread; the async runtime allows \(ValidationOptions.defaultMaxInstances(for: .async))"
        case .async: "each instance is a task"
        case .simulate: "each instance is a simulated interpreter"
        }
        for worker in workers {
            let (sum, overflow) = total.addingReportingOverflow(worker.instanceCount)
            total = sum
            guard overflow || total > limit else { continue }
            let count = overflow ? "more than \(Int.max)" : "\(total)"
            context.error(
                "worker '\(worker.name.value)' brings the scenario to \(count) instances, over the limit of "
                    + "\(limit) (\(why)); raise the limit with --max-instances if you mean it",
                at: worker.count?.location ?? worker.name.location)
            break
        }

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
}
