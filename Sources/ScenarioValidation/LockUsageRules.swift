import ScenarioDiagnostics
import ScenarioSyntax

/// Warnings about locks a worker holds: legal, and worth running to watch, but usually a mistake.
enum LockUsageRules {
    static func check(_ context: inout ValidationContext) {
        for worker in context.ast.workers {
            var walk = HeldLocks(symbols: context.symbols, worker: worker.name.value)
            walk.visit(worker.steps)
            for warning in walk.warnings { context.diagnostics.append(warning) }
            neverReleased(in: worker, &context)
        }
    }

    /// A lock the worker acquires with `acquire` but never releases with `release`.
    private static func neverReleased(in worker: WorkerDeclaration, _ context: inout ValidationContext) {
        var acquired: [String: SourceLocation] = [:]
        var released: Set<String> = []
        for (step, _) in worker.allSteps() {
            switch step.action {
            case .acquire(let name):
                guard let kind = context.symbols[name.value]?.kind, kind == .lock || kind == .rlock else { continue }
                if acquired[name.value] == nil { acquired[name.value] = name.location }
            case .release(let name):
                released.insert(name.value)
            default:
                break
            }
        }
        for (name, location) in acquired.sorted(by: { $0.value < $1.value }) where !released.contains(name) {
            context.warning(
                "worker '\(worker.name.value)' acquires lock '\(name)' but never releases it; other workers "
                    + "that need it will wait forever (use 'with:' to release it for you)", at: location)
        }
    }
}

/// Follows a worker's steps in order, tracking which plain locks it holds, to spot a second
/// `acquire` of a plain lock with no `release` between (it blocks forever, as threading.Lock does).
private struct HeldLocks {
    let symbols: SymbolTable
    let worker: String
    /// Plain locks held now, with where they were taken.
    var held: [String: SourceLocation] = [:]
    var warnings: [Diagnostic] = []
    var reported: Set<SourceLocation> = []
    /// Whether the walk is in the second round of a `repeat`.
    var inSecondRound = false

    init(symbols: SymbolTable, worker: String) {
        self.symbols = symbols
        self.worker = worker
    }

    mutating func visit(_ steps: [Step]) {
        for step in steps {
            switch step.action {
            case .acquire(let name):
                take(name)
            case .release(let name):
                held[name.value] = nil
            case .with(let name, let body):
                let wasHeld = held[name.value] != nil
                take(name)
                visit(body)
                if !wasHeld { held[name.value] = nil }
            case .repeat(let count, let body):
                // Twice: a lock taken in one round and not released is still held in the next.
                visit(body)
                if case .times(.literal(let times)) = count, times <= 1 { continue }
                // A repeat nested in the second round of another is walked once: its own second
                // round was walked in the first round of the outer one (and per lock, a round ends
                // holding it either always, never or as it began, so walking it again finds nothing
                // new). Walking it twice there too would double the walk at each level of nesting.
                guard !inSecondRound else { continue }
                inSecondRound = true
                visit(body)
                inSecondRound = false
            default:
                break
            }
        }
    }

    private mutating func take(_ name: Reference) {
        guard symbols[name.value]?.kind == .lock else { return }
        if let first = held[name.value] {
            if reported.insert(name.location).inserted {
                warnings.append(.warning(
                    "worker '\(worker)' acquires plain lock '\(name.value)' while it already holds it; a plain "
                        + "lock is not reentrant, so this blocks until another worker releases it, which is a deadlock if none does (declare it 'rlock' to allow this)",
                    at: name.location, notes: [DiagnosticNote("'\(name.value)' acquired here", at: first)]))
            }
        } else {
            held[name.value] = name.location
        }
    }
}
