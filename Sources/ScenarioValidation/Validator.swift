import ScenarioDiagnostics
import ScenarioSyntax

/// Checks a parsed scenario as a whole. Each rule lives in its own file with its messages, and
/// every rule runs, so that one pass reports every problem.
public enum Validator {
    /// The validated scenario when no rule found an error, and every finding (warnings included).
    public static func validate(_ ast: ScenarioAST, options: ValidationOptions = ValidationOptions())
        -> (ValidatedScenario?, Diagnostics)
    {
        var context = ValidationContext(ast: ast, options: options)
        NameRules.check(&context)
        ReferenceRules.check(&context)
        WorkerRules.check(&context)
        LockUsageRules.check(&context)
        BarrierRules.check(&context)
        PoolRules.check(&context)
        let diagnostics = context.diagnostics
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (ValidatedScenario(ast: ast, symbols: context.symbols), diagnostics)
    }
}

/// What the rules share: the scenario, the symbol table built by `NameRules`, and the findings.
struct ValidationContext {
    let ast: ScenarioAST
    let options: ValidationOptions
    var symbols = SymbolTable()
    var diagnostics = Diagnostics()

    init(ast: ScenarioAST, options: ValidationOptions) {
        self.ast = ast
        self.options = options
    }

    mutating func error(_ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) {
        diagnostics.error(message, at: location, notes: notes)
    }

    mutating func warning(_ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) {
        diagnostics.warning(message, at: location, notes: notes)
    }
}

extension Step {
    /// Calls `visit` on this step and every step nested in it, with the depth of `repeat` around it.
    func walk(repeatDepth: Int = 0, _ visit: (Step, Int) -> Void) {
        visit(self, repeatDepth)
        let inner = if case .repeat = action { repeatDepth + 1 } else { repeatDepth }
        for step in action.body {
            step.walk(repeatDepth: inner, visit)
        }
    }
}

extension WorkerDeclaration {
    /// Every step of the worker, nested ones included, with the number of `repeat`s around each.
    func allSteps() -> [(step: Step, repeatDepth: Int)] {
        var result: [(Step, Int)] = []
        for step in steps {
            step.walk { result.append(($0, $1)) }
        }
        return result
    }
}
