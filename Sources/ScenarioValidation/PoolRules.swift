import ScenarioDiagnostics
import ScenarioSyntax

/// Pools and futures: `pool:` names a pool, `result:` reads what a finished instance can read,
/// and `{result}` and `{future}` are used only where a future is being handled.
enum PoolRules {
    static func check(_ context: inout ValidationContext) {
        let withResult = Set(context.ast.workers.filter { $0.result != nil }.map(\.name.value))
        for worker in context.ast.workers {
            if let pool = worker.pool { checkPool(pool, of: worker, &context) }
            ProcessTaskRules.check(worker, &context)
            if let result = worker.result { checkResult(result, of: worker, &context) }
            for step in worker.steps {
                check(step, in: worker, handling: nil, withResult: withResult, &context)
            }
        }
    }

    private static func checkPool(_ pool: Reference, of worker: WorkerDeclaration, _ context: inout ValidationContext) {
        guard let symbol = context.symbols[pool.value] else {
            let pools = context.symbols.names { if case .pool = $0 { true } else { false } }
            let hint = Suggestions.closest(to: pool.value, in: pools).map { "; did you mean '\($0)'?" }
                ?? (pools.isEmpty ? " (no pool is declared; declare one under 'pools:')" : "")
            context.error("'pool' uses '\(pool.value)', which is not declared\(hint)", at: pool.location)
            return
        }
        guard case .pool = symbol.kind else {
            context.error("'pool' needs a pool, but '\(pool.value)' is \(symbol.kind.article)", at: pool.location,
                notes: [DiagnosticNote("'\(pool.value)' declared here", at: symbol.location)])
            return
        }
        if worker.isDaemon {
            context.error("worker '\(worker.name.value)' is a daemon and runs in a pool; a pool's tasks are "
                + "not daemon threads (leave out one of 'daemon' and 'pool')", at: pool.location)
        }
    }

    /// A result is computed as the instance finishes: from `i`, `pid` and variables.
    private static func checkResult(
        _ result: Located<IntegerExpression>, of worker: WorkerDeclaration, _ context: inout ValidationContext
    ) {
        for leaf in result.value.leaves {
            switch leaf {
            case .variable(let name):
                guard let symbol = context.symbols[name.value] else {
                    context.error("'result' uses '\(name.value)', which is not declared", at: name.location)
                    continue
                }
                if case .variable = symbol.kind { continue }
                context.error("'result' reads '\(name.value)', which is \(symbol.kind.article), not a variable",
                    at: name.location)
            case .item(let location), .round(let location), .builtin(.result, let location):
                context.error("'result' is computed from 'i', 'pid', variables and numbers; "
                    + "'\(leaf.formatted)' means nothing when an instance finishes", at: location)
            default:
                break
            }
        }
    }

    /// `handling`: the worker whose futures the enclosing `as_completed`/`gather`/`on_done` handles.
    private static func check(
        _ step: Step, in worker: WorkerDeclaration, handling: (worker: String, isLoop: Bool)?,
        withResult: Set<String>, _ context: inout ValidationContext
    ) {
        for part in ReferenceRules.placeholders(of: step.action) {
            switch part {
            case .expression(.builtin(.result, let location)):
                guard let handling else {
                    context.error("'{result}' is used outside 'on_done', 'as_completed' and 'gather'; it is the "
                        + "value of the future they handle", at: location)
                    continue
                }
                if !withResult.contains(handling.worker) {
                    context.error("'{result}' reads the result of worker '\(handling.worker)', which has no "
                        + "'result:'", at: location)
                }
            case .future(let location) where handling?.isLoop != true:
                context.error("'{future}' is used outside 'as_completed' and 'gather'; it names the instance "
                    + "whose future they handle", at: location)
            default:
                break
            }
        }
        var inner = handling
        switch step.action {
        case .asCompleted(let target, _), .gather(let target, _):
            inner = (target.value, true)
            if target.value == worker.name.value {
                context.error("worker '\(worker.name.value)' waits for its own instances, which can never all "
                    + "finish while one of them waits", at: target.location)
            }
        case .callback:
            inner = (worker.name.value, false)
        default:
            break
        }
        for nested in step.action.body {
            check(nested, in: worker, handling: inner, withResult: withResult, &context)
        }
    }
}
