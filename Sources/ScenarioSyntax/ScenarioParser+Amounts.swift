import ScenarioDiagnostics
import ScenarioYAML

/// Reading N: the integer, `{name}` or `{expression}` of `by`, `to` and `repeat`, and the
/// braces around a placeholder however YAML read them.
extension ScenarioParser {
    /// An integer, or `{name}`, `{item}`, `{round}`, `{i}` or an expression such as `{i * 2}` (quoted,
    /// or written bare so YAML reads it as a map).
    mutating func integerExpression(_ node: YAMLNode, what: String, orForever: Bool = false) -> IntegerExpression? {
        let expected = orForever ? "\(what) takes an integer, a {variable} or 'forever'" : "\(what) takes an integer or a {variable}"
        if let braced = Self.braced(node) {
            if let placeholder = braced.bareName {
                switch placeholder.value {
                case "item": return .item(placeholder.location)
                case "round": return .round(placeholder.location)
                case "result": return .builtin(.result, placeholder.location)
                case "pid": return .builtin(.pid, placeholder.location)
                case "i": return .index
                case "worker":
                    error("\(what) takes an integer, and '{worker}' is a name; use '{i}' for the instance's number",
                        at: placeholder.location)
                    return nil
                default: return .variable(placeholder)
                }
            }
            let (expression, problems) = ExpressionSyntax.parse(braced.text, at: braced.start, columnsAreExact: braced.isExact)
            for problem in problems { diagnostics.append(problem) }
            guard let expression else {
                error("\(what) has nothing between its braces; write a variable, i, item, round or an expression "
                    + "such as '{i * 2}'", at: node.location)
                return nil
            }
            // Kept even with problems, so that the validator also checks the names in it.
            return expression
        }
        if let scalar = node.scalar, !scalar.isPlain || scalar.text.contains("{") {
            error("\(expected), not '\(scalar.text.elided)'", at: node.location)
            return nil
        }
        return integer(node, what: what).map { .literal($0.value) }
    }

    /// The text between the braces of `"{…}"`, or of `{…}` which YAML reads as a one-key map with no value.
    struct Braced {
        var text: String
        /// Where the first scalar of `text` is written.
        var start: SourceLocation
        /// Whether `text` is as written, on one line, so that columns within it are exact.
        var isExact: Bool

        /// The name, when the text is one name (spaces around it allowed).
        var bareName: Reference? {
            let scalars = Array(text.unicodeScalars)
            let leading = scalars.prefix { $0 == " " || $0 == "\t" }.count
            let name = text.trimmingBlanks
            guard ScenarioParser.isValidName(name) else { return nil }
            return Reference(name, at: isExact ? SourceLocation(line: start.line, column: start.column + leading) : start)
        }
    }

    static func braced(_ node: YAMLNode) -> Braced? {
        switch node.content {
        case .scalar(let scalar) where scalar.text.count >= 2 && scalar.text.hasPrefix("{") && scalar.text.hasSuffix("}"):
            let inner = String(scalar.text.dropFirst().dropLast())
            guard !inner.contains("{") && !inner.contains("}") else { return nil }
            // Counted back from the end of the scalar when it is on one line: the node's own
            // position is that of its tag or anchor when it has one ('to: !!str "{x}"').
            let closing = scalar.isPlain ? 0 : 1
            guard scalar.end.line == node.location.line else {
                return Braced(text: inner, start: SourceLocation(line: node.location.line,
                    column: node.location.column + closing + 1), isExact: false)
            }
            let start = SourceLocation(line: scalar.end.line,
                column: scalar.end.column - closing - 1 - inner.unicodeScalars.count)
            return Braced(text: inner, start: start, isExact: true)
        case .mapping(let pairs) where pairs.count == 1:
            guard let key = pairs[0].key.scalar, pairs[0].value.scalar?.isNull == true else { return nil }
            return Braced(text: key.text, start: pairs[0].key.location,
                isExact: key.isPlain && key.end.line == pairs[0].key.location.line)
        default:
            return nil
        }
    }
}
