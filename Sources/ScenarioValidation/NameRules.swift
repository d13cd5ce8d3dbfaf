import ScenarioDiagnostics
import ScenarioSyntax

/// Declared names: one namespace for every section, and a few names kept for placeholders.
enum NameRules {
    /// Names a variable cannot have. Only variables are interpolated (`{name}`) and checked in
    /// `expect`, where these names already mean something; a worker, lock, semaphore, barrier or
    /// queue is never read in either place, so it may be called `worker` or `round`.
    static let reservedForVariables: Set<String> = ["worker", "i", "item", "round", "deadlock", "result", "future", "pid"]

    static func check(_ context: inout ValidationContext) {
        var declarations = context.ast.declarations.map { ($0.name, $0.kind) }
        declarations += context.ast.workers.map { ($0.name, ObjectKind.worker) }
        for (name, kind) in declarations {
            if kind.isVariable, reservedForVariables.contains(name.value) {
                context.error(
                    "'\(name.value)' is a reserved name (it means something inside '{…}' placeholders or "
                        + "'expect'); rename this variable",
                    at: name.location)
                // Declared all the same, so that its uses do not also report it as undeclared.
            }
            let symbol = SymbolTable.Symbol(name: name.value, kind: kind, location: name.location)
            if let first = context.symbols.declare(symbol) {
                let sameSection = first.kind.section == kind.section
                context.error(
                    sameSection
                        ? "'\(name.value)' is declared twice in '\(kind.section)'"
                        : "'\(name.value)' is already declared as \(first.kind.article) in '\(first.kind.section)'; "
                            + "all sections share one set of names",
                    at: name.location, notes: [DiagnosticNote("'\(name.value)' first declared here", at: first.location)])
            }
        }
    }
}
