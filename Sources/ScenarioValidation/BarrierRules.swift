import ScenarioDiagnostics
import ScenarioSyntax

/// A barrier opens when its party count of instances wait on it; with fewer waiters it never opens.
enum BarrierRules {
    static func check(_ context: inout ValidationContext) {
        // The instances that wait on each barrier, found in one pass over the steps (not one pass
        // per barrier: a file can declare thousands of barriers and have thousands of steps).
        var instancesWaiting: [String: Int] = [:]
        for worker in context.ast.workers {
            var waitsOn = Set<String>()
            for (step, _) in worker.allSteps() {
                if case .wait(let name) = step.action { waitsOn.insert(name.value) }
            }
            for name in waitsOn {
                // Saturating: huge counts are reported by WorkerRules, and must not wrap around here.
                let (sum, overflow) = instancesWaiting[name, default: 0].addingReportingOverflow(worker.instanceCount)
                instancesWaiting[name] = overflow ? Int.max : sum
            }
        }
        for declaration in context.ast.declarations {
            guard case .barrier(let parties) = declaration.kind,
                context.symbols[declaration.name.value]?.location == declaration.name.location
            else { continue }
            // An unused barrier blocks nobody; one with too few waiters blocks them all.
            guard let instances = instancesWaiting[declaration.name.value], parties > instances else { continue }
            let who = instances == 1 ? "only 1 instance ever waits" : "only \(instances) instances ever wait"
            context.warning(
                "barrier '\(declaration.name.value)' needs \(parties) parties but \(who) on it, so it will never "
                    + "open and its waiters will block forever", at: declaration.name.location)
        }
    }
}
