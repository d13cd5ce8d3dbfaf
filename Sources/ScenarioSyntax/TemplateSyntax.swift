import ScenarioDiagnostics

/// Parses `{name}` placeholders in `log` and `value` text. `{{` and `}}` stand for literal braces.
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
            let name = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
            let here = location(index + 1)
            guard ScenarioParser.isValidName(name) else {
                problems.append(.error("'{\(name.elided)}' is not a placeholder; inside braces write a variable name, "
                    + "worker, i, item or round (or '{{' for a literal brace)", at: here))
                literal.unicodeScalars.append(contentsOf: scalars[index...close])
                index = close + 1
                continue
            }
            if !literal.isEmpty {
                parts.append(.text(literal))
                literal = ""
            }
            switch name {
            case "worker": parts.append(.worker)
            case "i": parts.append(.index)
            case "item": parts.append(.item(here))
            case "round": parts.append(.round(here))
            default: parts.append(.variable(Reference(name, at: here)))
            }
            index = close + 1
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return (TextTemplate(parts: parts, at: start), problems)
    }
}
