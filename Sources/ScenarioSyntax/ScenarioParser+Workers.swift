import ScenarioDiagnostics
import ScenarioYAML

extension ScenarioParser {
    static let workerKeys = ["steps", "count", "daemon", "pool", "result", "on_done"]

    /// `workers:` — a map of name → list of steps, or name → {steps, count, daemon}.
    mutating func workers(_ node: YAMLNode) -> [WorkerDeclaration] {
        guard let pairs = node.mapping else {
            let found = node.scalar?.isNull == true ? "it is empty" : "found \(node.kindDescription)"
            error("'workers' is a map of worker name: steps, and a scenario needs at least one worker; "
                + found, at: node.location)
            return []
        }
        if pairs.isEmpty {
            error("'workers' is empty; a scenario needs at least one worker", at: node.location)
        }
        return pairs.compactMap { pair in
            guard let name = name(pair.key) else { return nil }
            return worker(named: name, pair.value)
        }
    }

    private mutating func worker(named name: Located<String>, _ node: YAMLNode) -> WorkerDeclaration {
        var worker = WorkerDeclaration(name: name, steps: [])
        switch node.content {
        case .sequence:
            worker.steps = steps(node, owner: "worker '\(name.value)'")
        case .mapping(let pairs):
            var sawSteps = false
            var callback: Step?
            for pair in pairs {
                switch pair.keyText {
                case "steps":
                    sawSteps = true
                    worker.steps = steps(pair.value, owner: "worker '\(name.value)'")
                case "count":
                    worker.count = integer(pair.value, what: "a worker's count", atLeast: 1)
                case "daemon":
                    worker.isDaemon = boolean(pair.value, what: "'daemon'")?.value ?? false
                case "pool":
                    worker.pool = self.name(pair.value)
                case "result":
                    worker.result = workerResult(pair.value)
                case "on_done":
                    let body = steps(pair.value, owner: "the 'on_done' of worker '\(name.value)'")
                    callback = Step(.callback(body: body), at: pair.key.location)
                default:
                    let key = pair.keyText ?? "?"
                    let hint = Verb(rawValue: key) != nil
                        ? "; steps go in a list under 'steps:'"
                        : Suggestions.didYouMean(key, in: Self.workerKeys)
                    error("unknown key '\(key.elided)' in worker '\(name.value)'\(hint) (a worker map takes "
                        + "'steps', 'count', 'daemon', 'pool', 'result' and 'on_done')", at: pair.key.location)
                }
            }
            if let callback { worker.steps.append(callback) }
            if !sawSteps {
                error("worker '\(name.value)' has no 'steps:' list", at: node.location)
            }
        case .scalar:
            error("worker '\(name.value)' must be a list of steps, or a map with 'steps', 'count' and "
                + "'daemon', not \(node.kindDescription)", at: node.location)
        }
        return worker
    }
}
