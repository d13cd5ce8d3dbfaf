import ScenarioDiagnostics
import ScenarioYAML

extension ScenarioAST {
    /// Parses a whole file. The AST is returned even when there are errors: the validator then
    /// finds what else is wrong, and the caller refuses to run when any error was reported.
    public static func parse(_ root: YAMLNode) -> (ScenarioAST, Diagnostics) {
        var parser = ScenarioParser()
        let ast = parser.parseScenario(root)
        return (ast, parser.diagnostics)
    }

    /// Whether `text` is a valid name: `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isValidName(_ text: String) -> Bool { ScenarioParser.isValidName(text) }
}

/// Builds a `ScenarioAST` from a YAML node tree. It checks everything that one node at a time
/// can tell (keys, verbs, types, durations, name spelling) and keeps going after a problem, so
/// that one run reports them all. Checks across the file belong to `ScenarioValidation`.
struct ScenarioParser {
    var diagnostics = Diagnostics()

    init() {}


    static let topLevelKeys = [
        "scenario", "description", "runtime", "variables", "locks", "semaphores", "barriers", "queues",
        "pools", "workers", "expect",
    ] + gilKeys

    mutating func parseScenario(_ root: YAMLNode) -> ScenarioAST {
        var ast = ScenarioAST()
        guard let pairs = root.mapping else {
            error("a scenario is a YAML map with keys such as 'scenario:' and 'workers:', "
                + "but the top level of this file is \(root.kindDescription)", at: root.location)
            return ast
        }
        var sawTitle = false
        for pair in pairs {
            guard let key = pair.keyText else {
                error("keys of the top-level map must be plain words", at: pair.key.location)
                continue
            }
            switch key {
            case "scenario":
                sawTitle = true
                ast.title = string(pair.value, what: "the title")
            case "description":
                ast.description = string(pair.value, what: "the description")?.value
            case "runtime":
                ast.runtime = runtime(pair.value)
            case "variables":
                ast.declarations += section(pair.value, named: key) { parser, node in
                    .variable(initial: parser.integer(node, what: "a variable's initial value")?.value ?? 0)
                }
            case "locks":
                ast.declarations += section(pair.value, named: key) { parser, node in parser.lockKind(node) }
            case "semaphores":
                ast.declarations += section(pair.value, named: key) { parser, node in
                    .semaphore(permits: parser.integer(node, what: "a semaphore's permits", atLeast: 0)?.value ?? 0)
                }
            case "barriers":
                ast.declarations += section(pair.value, named: key) { parser, node in
                    .barrier(parties: parser.integer(node, what: "a barrier's party count", atLeast: 1)?.value ?? 1)
                }
            case "queues":
                ast.declarations += section(pair.value, named: key) { parser, node in
                    .queue(capacity: parser.integer(node, what: "a queue's capacity (0 for unbounded)", atLeast: 0)?.value ?? 0)
                }
            case "pools":
                ast.declarations += section(pair.value, named: key) { parser, node in parser.poolKind(node) }
            case "workers":
                ast.workersKey = pair.key.location
                ast.workers = workers(pair.value)
            case "expect":
                (ast.expectations, ast.expectsDeadlock) = expectations(pair.value)
            case _ where Self.gilKeys.contains(key):
                gilSetting(key, pair.value, into: &ast.gil)
            default:
                if key.hasPrefix("x-") { continue }  // extension keys: a place to keep anchors
                error("unknown top-level key '\(key.elided)'" + Suggestions.didYouMean(key, in: Self.topLevelKeys)
                    + " (keys starting with 'x-' are ignored, for keeping anchors)", at: pair.key.location)
            }
        }
        if !sawTitle {
            error("missing 'scenario: <title>' at the top of the file", at: root.location)
        }
        if ast.workersKey == nil {
            error("missing 'workers:'; a scenario needs at least one worker", at: root.location)
        }
        return ast
    }

    mutating func error(_ message: String, at location: SourceLocation, notes: [DiagnosticNote] = []) {
        diagnostics.error(message, at: location, notes: notes)
    }

    private mutating func runtime(_ node: YAMLNode) -> Located<RuntimeKind>? {
        guard let text = string(node, what: "the runtime") else { return nil }
        guard let kind = RuntimeKind(rawValue: text.value) else {
            error("unknown runtime '\(text.value.elided)'; use 'threads', 'async' or 'simulate'", at: node.location)
            return nil
        }
        return Located(kind, at: text.location)
    }

    private mutating func lockKind(_ node: YAMLNode) -> ObjectKind {
        switch node.scalar?.text {
        case "lock": return .lock
        case "rlock": return .rlock
        default:
            error("a lock is declared as 'lock' (plain, like threading.Lock) or 'rlock' (reentrant, "
                + "like threading.RLock), not \(node.kindDescription)", at: node.location)
            return .lock
        }
    }

    /// A map of name → value; `value` reads each value into an object kind.
    private mutating func section(
        _ node: YAMLNode, named section: String, value: (inout ScenarioParser, YAMLNode) -> ObjectKind
    ) -> [Declaration] {
        if node.scalar?.isNull == true { return [] }
        guard let pairs = node.mapping else {
            error("'\(section)' is a map of name: value, not \(node.kindDescription)", at: node.location)
            return []
        }
        var result: [Declaration] = []
        for pair in pairs {
            guard let name = name(pair.key) else { continue }
            result.append(Declaration(name: name, kind: value(&self, pair.value)))
        }
        return result
    }

    private mutating func expectations(_ node: YAMLNode) -> ([Expectation], Located<Bool>?) {
        if node.scalar?.isNull == true { return ([], nil) }
        guard let pairs = node.mapping else {
            error("'expect' is a map of variable: value (and optionally 'deadlock: true'), "
                + "not \(node.kindDescription)", at: node.location)
            return ([], nil)
        }
        var expectations: [Expectation] = []
        var deadlock: Located<Bool>?
        for pair in pairs {
            if pair.keyText == "deadlock" {
                deadlock = boolean(pair.value, what: "'deadlock'")
                continue
            }
            guard let name = name(pair.key), let value = integer(pair.value, what: "an expected value") else { continue }
            expectations.append(Expectation(variable: name, value: value.value))
        }
        return (expectations, deadlock)
    }
}
