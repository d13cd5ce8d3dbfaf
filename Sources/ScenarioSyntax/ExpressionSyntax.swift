import ScenarioDiagnostics

/// Reads the text between braces as an integer expression, `i * i` or `(i - 1) % 3`, and checks
/// what the text alone can tell: its tokens, its shape, and constant parts that always fail
/// (`7 / 0`). Names are resolved later, by the validator.
enum ExpressionSyntax {
    /// The expression (nil when the text has no tokens at all) and every problem found in it.
    /// - Parameters:
    ///   - start: where the text's first scalar is written.
    ///   - columnsAreExact: whether the text is as written in the file, on one line; if not (escapes,
    ///     folded lines), every problem is reported at `start`.
    static func parse(_ text: String, at start: SourceLocation, columnsAreExact: Bool)
        -> (IntegerExpression?, [Diagnostic])
    {
        let location = { (offset: Int) in
            columnsAreExact ? SourceLocation(line: start.line, column: start.column + offset) : start
        }
        var tokenizer = ExpressionTokenizer(location: location)
        let tokens = tokenizer.tokens(Array(text.unicodeScalars))
        var parser = ExpressionParser(tokens: tokens, location: location)
        let expression = parser.parse()
        var problems = tokenizer.problems + parser.problems
        // A tree with a problem has zeros in place of what was wrong, which would make up
        // divisions by zero; constants are judged only in a well-formed expression.
        if problems.isEmpty, let expression {
            _ = constantValue(of: expression, problems: &problems)
        }
        return (expression, problems.sorted { ($0.location ?? start) < ($1.location ?? start) })
    }

    /// The value of a constant part, or nil when it reads something or is already reported. A
    /// division whose divisor is always 0 is reported even when the dividend reads a variable.
    private static func constantValue(of expression: IntegerExpression, problems: inout [Diagnostic]) -> Int? {
        switch expression {
        case .literal(let value):
            return value
        case .variable, .index, .item, .round, .builtin:
            return nil
        case .negate(let operand, let location):
            guard let value = constantValue(of: operand, problems: &problems) else { return nil }
            return outcome(PythonArithmetic.negate(value), of: expression, at: location, &problems)
        case .binary(let op, let left, let right, let location):
            let leftValue = constantValue(of: left, problems: &problems)
            let rightValue = constantValue(of: right, problems: &problems)
            if rightValue == 0, op == .divide || op == .remainder {
                problems.append(.error("'\(expression.formatted)' always divides by zero", at: location))
                return nil
            }
            guard let leftValue, let rightValue else { return nil }
            return outcome(PythonArithmetic.apply(op, leftValue, rightValue), of: expression, at: location, &problems)
        }
    }

    private static func outcome(
        _ outcome: PythonArithmetic.Outcome, of expression: IntegerExpression, at location: SourceLocation,
        _ problems: inout [Diagnostic]
    ) -> Int? {
        switch outcome {
        case .value(let value):
            return value
        case .divisionByZero:
            problems.append(.error("'\(expression.formatted)' always divides by zero", at: location))
        case .overflow(let upward):
            problems.append(.error("'\(expression.formatted)' is always past the " + (upward
                ? "largest integer (\(Int.max))" : "smallest integer (\(Int.min))"), at: location))
        }
        return nil
    }
}

extension String {
    /// The string without spaces and tabs at either end: `{ i }` is `{i}`.
    var trimmingBlanks: String {
        let scalars = Array(unicodeScalars)
        let isBlank = { (scalar: Unicode.Scalar) in scalar == " " || scalar == "\t" }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
