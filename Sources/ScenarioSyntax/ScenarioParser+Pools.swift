import ScenarioDiagnostics
import ScenarioYAML

/// `pools:` — executors that run a worker's instances a few at a time, as concurrent.futures does.
extension ScenarioParser {
    static let poolKeys = ["kind", "size"]

    /// One pool: `{kind: threads, size: N}`; `size` may be left out (the number of cores).
    mutating func poolKind(_ node: YAMLNode) -> ObjectKind {
        guard let pairs = node.mapping else {
            error("a pool is a map such as '{kind: threads, size: 4}', not \(node.kindDescription)", at: node.location)
            return .pool(size: nil, processes: false)
        }
        var size: Int?
        var sawKind = false
        var processes = false
        for pair in pairs {
            switch pair.keyText {
            case "kind":
                sawKind = true
                switch pair.value.scalar?.text {
                case "threads": break
                case "processes": processes = true
                default:
                    error("a pool's kind is 'threads' (like ThreadPoolExecutor) or 'processes' (like "
                        + "ProcessPoolExecutor), not \(pair.value.kindDescription)",
                        at: pair.value.location)
                }
            case "size":
                size = integer(pair.value, what: "a pool's size (its number of threads or processes)", atLeast: 1)?.value
            default:
                let key = pair.keyText ?? "?"
                error("unknown key '\(key.elided)' in a pool" + Suggestions.didYouMean(key, in: Self.poolKeys)
                    + " (a pool takes 'kind' and 'size')", at: pair.key.location)
            }
        }
        if !sawKind {
            error("a pool needs 'kind: threads' or 'kind: processes'", at: node.location)
        }
        return .pool(size: size, processes: processes)
    }

    /// `result: EXPR` of a worker: an integer or a quoted "{expression}".
    mutating func workerResult(_ node: YAMLNode) -> Located<IntegerExpression>? {
        integerExpression(node, what: "'result'").map { Located($0, at: node.location) }
    }
}
