import ScenarioDiagnostics
import ScenarioYAML

/// The top-level `gil:` and `gil_interval:` keys, as written: whether the scenario models
/// CPython's global interpreter lock, and its switch interval.
public struct GILSyntax: Sendable {
    /// `gil: true | false`.
    public var enabled: Located<Bool>?
    /// `gil_interval: D`, in nanoseconds (more than 0).
    public var interval: Located<Int64>?

    public init() {}
}

extension ScenarioParser {
    static let gilKeys = ["gil", "gil_interval"]

    mutating func gilSetting(_ key: String, _ node: YAMLNode, into gil: inout GILSyntax) {
        switch key {
        case "gil":
            gil.enabled = boolean(node, what: "'gil'")
        default:
            guard let duration = duration(node, what: "'gil_interval'") else { return }
            guard duration.nanoseconds > 0 else {
                error("'gil_interval' must be longer than 0 (CPython's default is 5ms, as sys.getswitchinterval() says)",
                    at: node.location)
                return
            }
            gil.interval = Located(duration.nanoseconds, at: node.location)
        }
    }
}
