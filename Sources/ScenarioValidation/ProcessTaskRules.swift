import ScenarioDiagnostics
import ScenarioSyntax

/// A task of a process pool runs in another process, with a copy of the variables and nothing
/// else: Python cannot send a lock, a semaphore, a barrier or a queue to a `ProcessPoolExecutor`'s
/// process either (they cannot be pickled), and a task there cannot wait for futures or threads of
/// the parent. Its `on_done` runs in the parent, so it may use them. `exit` ends the process that
/// runs it, which only a process pool's task has of its own.
enum ProcessTaskRules {
    static func check(_ worker: WorkerDeclaration, _ context: inout ValidationContext) {
        let pool = processPool(of: worker, context)
        for step in worker.steps {
            if case .callback(let body) = step.action {
                for nested in body { refuseExit(in: nested, worker: worker, why: "its 'on_done' runs in the parent process", &context) }
                continue
            }
            if let pool {
                checkInProcess(step, worker: worker, pool: pool, &context)
            } else {
                refuseExit(in: step, worker: worker, why: "it is not a task of a process pool", &context)
            }
        }
    }

    /// The name of the worker's pool when it is a process pool.
    private static func processPool(of worker: WorkerDeclaration, _ context: ValidationContext) -> String? {
        guard let pool = worker.pool, let symbol = context.symbols[pool.value],
            case .pool(_, true) = symbol.kind
        else { return nil }
        return pool.value
    }

    private static func checkInProcess(_ step: Step, worker: WorkerDeclaration, pool: String, _ context: inout ValidationContext) {
        let task = "worker '\(worker.name.value)' runs in process pool '\(pool)'"
        switch step.action {
        case .join(let target), .asCompleted(let target, _), .gather(let target, _):
            if step.action.verb != .join || context.symbols[target.value]?.kind == .worker {
                context.error(
                    "\(task): its tasks run in other processes, which cannot wait for the parent's threads and futures "
                        + "('\(step.action.verb.rawValue): \(target.value)'); wait in a worker outside the pool",
                    at: step.location)
                return
            }
        default:
            break
        }
        if let target = step.action.target, let symbol = context.symbols[target.value], symbol.kind.isPrimitive {
            context.error(
                "\(task), so each task gets a copy of the variables, not the parent's \(symbol.kind.noun) '\(target.value)': "
                    + "Python cannot pickle a \(symbol.kind.python) to send it to a process either. Use a thread pool "
                    + "(kind: threads), or move the step to 'on_done', which runs in the parent",
                at: target.location, notes: [DiagnosticNote("'\(target.value)' declared here", at: symbol.location)])
        }
        for nested in step.action.body { checkInProcess(nested, worker: worker, pool: pool, &context) }
    }

    private static func refuseExit(in step: Step, worker: WorkerDeclaration, why: String, _ context: inout ValidationContext) {
        if case .exit = step.action {
            context.error(
                "'exit' ends the process that runs it, and worker '\(worker.name.value)' has none of its own: \(why) "
                    + "(only a task of a process pool, 'pools: {p: {kind: processes}}', may exit)", at: step.location)
        }
        for nested in step.action.body { refuseExit(in: nested, worker: worker, why: why, &context) }
    }
}

extension ObjectKind {
    /// A lock, rlock, semaphore, barrier or queue: what a process cannot share.
    fileprivate var isPrimitive: Bool {
        switch self {
        case .lock, .rlock, .semaphore, .barrier, .queue: true
        case .variable, .worker, .pool: false
        }
    }

    /// Its Python type, for messages.
    fileprivate var python: String {
        switch self {
        case .lock: "threading.Lock"
        case .rlock: "threading.RLock"
        case .semaphore: "threading.Semaphore"
        case .barrier: "threading.Barrier"
        case .queue: "queue.Queue"
        case .variable, .worker, .pool: noun
        }
    }
}
