import ScenarioDiagnostics

/// A string with `{name}` placeholders and `{…}` expressions, such as `"worker {i} saw {counter + 1}"`.
public struct TextTemplate: Sendable {
    public enum Part: Sendable {
        case text(String)
        /// `{name}`: the current value of a shared variable.
        case variable(Reference)
        /// `{worker}`: the instance's name.
        case worker
        /// `{i}`: the instance's 1-based index.
        case index
        /// `{item}`: the last value this instance got from a queue.
        case item(SourceLocation)
        /// `{round}`: the 1-based iteration of the innermost `repeat`.
        case round(SourceLocation)
        /// `{future}`: the name of the instance whose result `as_completed` or `gather` handles.
        case future(SourceLocation)
        /// `{i * 2}`: an integer expression (a bare name is one of the cases above).
        case expression(IntegerExpression)
    }

    public var parts: [Part]
    public var location: SourceLocation

    public init(parts: [Part], at location: SourceLocation) {
        self.parts = parts
        self.location = location
    }

    /// The text when it has no placeholders.
    public var constantText: String? {
        var result = ""
        for part in parts {
            guard case .text(let text) = part else { return nil }
            result += text
        }
        return result
    }
}
