import ScenarioDiagnostics

/// Parses `{name}` placeholders and `{i * 2}` expressions in `log` and `value` text. `{{` and `}}` stand for literal braces.
enum TemplateSyntax {
    /// The template and every problem in it. Parsing goes on after a malformed brace (which is
    /// kept as text), so that one check reports them all, and the well-formed placeholders are
    /// still there for the validator to resolve.
    static func parse(_ text: String, at start: SourceLocation, columnsAreExact: Bool) -> (TextTemplate, [Diagnostic]) {
        var parts: [TextTemplate.Part] = []
        var problems: [Diagnostic] = []
        var literal = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func location(_ offset: Int) -> SourceLocation {
            columnsAreExact ? SourceLocation(line: start.line, column: start.column + offset) : start
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "{" && next == "{" || scalar == "}" && next == "}" {
                literal.unicodeScalars.append(scalar)
                index += 2
                continue
            }
            if scalar == "}" {
                problems.append(.error("a lone '}' in text; write '}}' for a literal brace", at: location(index)))
            }
            guard scalar == "{" else {
                literal.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            guard let close = scalars[index...].firstIndex(of: "}") else {
                problems.append(.error("'{' is never closed; write '{{' for a literal brace", at: location(index)))
                literal.unicodeScalars.append(contentsOf: scalars[index...])
                break
            }
            let inner = Array(scalars[(index + 1)..<close])
            let leading = inner.prefix { $0 == " " || $0 == "\t" }.count
            let name = String(String.UnicodeScalarView(inner)).trimmingBlanks
            let here = location(index + 1 + leading)
            var part: TextTemplate.Part
            if ScenarioParser.isValidName(name) {
                // A bare name keeps its meaning: `{worker}` is text and `{item}` any value.
                switch name {
                case "worker": part = .worker
                case "i": part = .index
                case "item": part = .item(here)
                case "round": part = .round(here)
                case "result": part = .expression(.builtin(.result, here))
                case "pid": part = .expression(.builtin(.pid, here))
                case "future": part = .future(here)
                default: part = .variable(Reference(name, at: here))
                }
            } else {
                let written = String(String.UnicodeScalarView(inner))
                let (expression, expressionProblems) = ExpressionSyntax.parse(
                    written, at: location(index + 1), columnsAreExact: columnsAreExact)
                guard let expression else {
                    problems.append(.error("'{\(written.elided)}' is not a placeholder; inside braces write a variable "
                        + "name, worker, i, item, round or an integer expression such as 'i * 2' "
                        + "(or '{{' for a literal brace)", at: here))
                    literal.unicodeScalars.append(contentsOf: scalars[index...close])
                    index = close + 1
                    continue
                }
                // Kept even with problems, so that the validator also checks the names in it.
                problems += expressionProblems
                part = .expression(expression)
            }
            if !literal.isEmpty {
                parts.append(.text(literal))
                literal = ""
            }
            parts.append(part)
            index = close + 1
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return (TextTemplate(parts: parts, at: start), problems)
    }
}
