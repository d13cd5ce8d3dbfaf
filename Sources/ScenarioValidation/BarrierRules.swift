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
            let instances = waiters.reduce(0) { $0.addingReportingOverflow($1.instanceCount).partialValue }
            // An unused barrier blocks nobody; one with too few waiters blocks them all.
            guard !waiters.isEmpty, parties > instances else { continue }
            let who = instances == 1 ? "only 1 instance ever waits" : "only \(instances) instances ever wait"
            context.warning(
                "barrier '\(declaration.name.value)' needs \(parties) parties but \(who) on it, so it will never "
                    + "open and its waiters will block forever", at: declaration.name.location)
        }
    }
}
