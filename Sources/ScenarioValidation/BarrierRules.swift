import ScenarioDiagnostics
import ScenarioSyntax

/// A barrier opens when its party count of instances wait on it; with fewer waiters it never opens.
enum BarrierRules {
    static func check(_ context: inout ValidationContext) {
        for declaration in context.ast.declarations {
            guard case .barrier(let parties) = declaration.kind,
                context.symbols[declaration.name.value]?.location == declaration.name.location
            else { continue }
            let waiters = context.ast.workers.filter { worker in
                worker.allSteps().contains { step in
                    if case .wait(let name) = step.step.action { name.value == declaration.name.value } else { false }
                }
            }
            let instances = waiters.reduce(0) { $0 + $1.instanceCount }
            guard parties > instances else { continue }
            let who = waiters.isEmpty
                ? "no worker waits on it"
                : "only \(instances) instance\(instances == 1 ? "" : "s") ever wait\(instances == 1 ? "s" : "") on it"
            context.warning(
                "barrier '\(declaration.name.value)' needs \(parties) parties but \(who), so it will never "
                    + "open and its waiters will block forever", at: declaration.name.location)
        }
    }
}
