import ScenarioDiagnostics
import ScenarioSyntax

/// Every name a step, a placeholder or an expectation uses must be declared, and be of a kind
/// the verb works on (`acquire` takes a lock or a semaphore, `wait` a barrier, and so on).
enum ReferenceRules {
    /// What each verb may act on, and how to say so.
    static func accepts(_ verb: Verb) -> (allowed: (ObjectKind) -> Bool, description: String) {
        switch verb {
        case .acquire, .release, .with:
            return ({ [.lock, .rlock].contains($0) || $0.isSemaphore }, "a lock, rlock or semaphore")
        case .increment, .decrement, .set:
            return ({ $0.isVariable }, "a variable")
        case .put, .get, .taskDone:
            return ({ $0.isQueue }, "a queue")
        case .join:
            return ({ $0.isQueue || $0 == .worker }, "a queue or a worker")
        case .asCompleted, .gather:
            return ({ $0 == .worker }, "a worker")
        case .wait:
            return ({ $0.isBarrier }, "a barrier")
        case .sleep, .work, .log, .repeat, .onDone, .exit:
            return ({ _ in false }, "nothing")
        }
    }

    static func check(_ context: inout ValidationContext) {
        var hints = UndeclaredHints()
        for worker in context.ast.workers {
            let getsFromQueue = worker.allSteps().contains { $0.step.action.verb == .get }
            for (step, repeatDepth) in worker.allSteps() {
                if let target = step.action.target {
                    let rule = accepts(step.action.verb)
                    resolve(
                        target, as: rule.description, for: "'\(step.action.verb.rawValue)'", where: rule.allowed,
                        &context, &hints)
                }
                for placeholder in placeholders(of: step.action) {
                    switch placeholder {
                    case .variable(let name):
                        resolve(name, as: "a variable", for: "'{\(name.value)}'", where: \.isVariable, &context, &hints)
                    case .round(let location) where repeatDepth == 0:
                        context.error("'{round}' is used outside any 'repeat'; it counts a repeat's rounds", at: location)
                    case .item(let location) where !getsFromQueue:
                        context.error(
                            "'{item}' is the last value this worker got from a queue, but worker "
                                + "'\(worker.name.value)' never has a 'get' step", at: location)
                    default:
                        break
                    }
                }
            }
        }
        for expectation in context.ast.expectations {
            resolve(expectation.variable, as: "a variable", for: "'expect'", where: \.isVariable, &context, &hints)
        }
    }

    /// Reports an undeclared name (suggesting a declared one of a suitable kind) or a name of the wrong kind.
    private static func resolve(
        _ name: Reference, as expected: String, for user: String, where allowed: (ObjectKind) -> Bool,
        _ context: inout ValidationContext, _ hints: inout UndeclaredHints
    ) {
        guard let symbol = context.symbols[name.value] else {
            let suitable = hints.names(as: expected, where: allowed, in: context.symbols)
            var suggestion: String?
            if hints.spend(suitable.count + context.symbols.order.count) {
                suggestion = Suggestions.closest(to: name.value, in: suitable)
                    ?? Suggestions.closest(to: name.value, in: context.symbols.order)
            }
            let hint: String
            if let suggestion {
                hint = "; did you mean '\(suggestion)'?"
            } else if suitable.isEmpty {
                hint = " (no \(expected.replacingFirstArticle()) is declared)"
            } else {
                let listed = suitable.prefix(UndeclaredHints.listed).map { "'\($0)'" }.joined(separator: ", ")
                let more = suitable.count > UndeclaredHints.listed
                    ? " and \(suitable.count - UndeclaredHints.listed) more" : ""
                hint = " (declared: \(listed)\(more))"
            }
            context.error("\(user) uses '\(name.value)', which is not declared\(hint)", at: name.location)
            return
        }
        guard allowed(symbol.kind) else {
            context.error(
                "\(user) needs \(expected), but '\(name.value)' is \(symbol.kind.article)", at: name.location,
                notes: [DiagnosticNote("'\(name.value)' declared here", at: symbol.location)])
            return
        }
    }

    /// What it takes to hint at the right name for an undeclared one, kept bounded: a broken file can
    /// hold a hundred thousand declarations and as many undeclared names.
    struct UndeclaredHints {
        /// How many declared names a hint lists.
        static let listed = 10
        /// Declared names of each expected kind ("a variable"), computed once.
        private var suitable: [String: [String]] = [:]
        /// How many more candidates the suggestions may weigh, over the whole file.
        private var budget = 1_000_000

        mutating func names(
            as expected: String, where allowed: (ObjectKind) -> Bool, in symbols: SymbolTable
        ) -> [String] {
            if let names = suitable[expected] { return names }
            let names = symbols.names(where: allowed)
            suitable[expected] = names
            return names
        }

        /// Whether a search for a suggestion among `candidates` names is still affordable.
        mutating func spend(_ candidates: Int) -> Bool {
            guard candidates <= budget else { return false }
            budget -= candidates
            return true
        }
    }

    /// The `{…}` placeholders a step reads, the names inside expressions included.
    static func placeholders(of action: StepAction) -> [TextTemplate.Part] {
        func parts(_ expression: IntegerExpression) -> [TextTemplate.Part] {
            expression.leaves.compactMap { leaf in
                switch leaf {
                case .variable(let name): .variable(name)
                case .item(let location): .item(location)
                case .round(let location): .round(location)
                case .index: .index
                case .builtin: .expression(leaf)
                case .literal, .negate, .binary: nil
                }
            }
        }
        switch action {
        case .increment(_, let amount), .decrement(_, let amount), .set(_, let amount):
            return parts(amount)
        case .repeat(.times(let count), _):
            return parts(count)
        case .log(let template), .put(_, .text(let template)):
            return template.parts.flatMap { part in
                if case .expression(let expression) = part { parts(expression) } else { [part] }
            }
        default:
            return []
        }
    }
}

extension ObjectKind {
    var isVariable: Bool { if case .variable = self { true } else { false } }
    var isSemaphore: Bool { if case .semaphore = self { true } else { false } }
    var isBarrier: Bool { if case .barrier = self { true } else { false } }
    var isQueue: Bool { if case .queue = self { true } else { false } }
}

extension String {
    /// "a lock, rlock or semaphore" → "lock, rlock or semaphore".
    fileprivate func replacingFirstArticle() -> String {
        hasPrefix("a ") ? String(dropFirst(2)) : self
    }
}
