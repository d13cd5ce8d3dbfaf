import ScenarioDiagnostics

/// Parses tokens into an `IntegerExpression`: `*`, `/` and `%` before `+` and `-`, each level
/// left-associative, unary minus tightest, as in Python. It recovers from every mistake (an
/// operand it misses counts as 0), so that one pass reports every problem of an expression and
/// the validator still sees every name in it; a tree with a problem is never run.
struct ExpressionParser {
    /// Bounds that keep a hostile expression from exhausting the stack of this recursive parser
    /// (and of the recursive walks over the tree). Real expressions are far smaller.
    static let maximumOperators = 256
    static let maximumNesting = 32

    private(set) var problems: [Diagnostic] = []
    private let tokens: [ExpressionToken]
    private let location: (Int) -> SourceLocation
    private var position = 0
    /// Parentheses and minus signs around the current token.
    private var nesting = 0
    private var openParentheses = 0
    private var operators = 0
    /// Set when a limit is passed: the rest of the expression is skipped.
    private var abandoned = false

    init(tokens: [ExpressionToken], location: @escaping (Int) -> SourceLocation) {
        self.tokens = tokens
        self.location = location
    }

    /// The expression, or nil when there are no tokens.
    mutating func parse() -> IntegerExpression? {
        guard !tokens.isEmpty else { return nil }
        return expression(atLeast: 1, isRightOperand: false) ?? .literal(0)
    }

    private var next: ExpressionToken? { abandoned || position >= tokens.count ? nil : tokens[position] }

    /// Reports a problem, unless the expression was abandoned (what is left unparsed is not
    /// wrong) or the token was already reported when it was read.
    private mutating func report(_ message: String, at token: ExpressionToken) {
        guard !abandoned, !token.isReported else { return }
        problems.append(.error(message, at: location(token.offset)))
    }

    /// Operations of at least `minimum` precedence. As the right operand of an operator, nothing
    /// there is returned as nil for that operator to report; elsewhere it is reported here.
    private mutating func expression(atLeast minimum: Int, isRightOperand: Bool) -> IntegerExpression? {
        var left = unary()
        while let token = next {
            switch token.kind {
            case .op(let op):
                guard op.precedence >= minimum else { return left }
                if left == nil {
                    if isRightOperand { return nil }
                    report("'\(op.rawValue)' is missing its left operand (a number, a name or a parenthesised expression)",
                        at: token)
                }
                position += 1
                guard count(operatorAt: token) else { return .literal(0) }
                let right = expression(atLeast: op.precedence + 1, isRightOperand: true)
                if right == nil {
                    report("'\(op.rawValue)' is missing its right operand (a number, a name or a parenthesised expression)",
                        at: token)
                }
                left = .binary(op, left ?? .literal(0), right ?? .literal(0), at: location(token.offset))
            case .close:
                guard openParentheses == 0 else { return left }
                report("')' has no matching '('", at: token)
                position += 1
            case .operand, .smallestMagnitude, .open:
                guard let previous = left else {
                    left = unary()
                    continue
                }
                report("expected an operator (+ - * / %) before '\(token.text.elided)'", at: token)
                left = .binary(.add, previous, unary() ?? .literal(0), at: location(token.offset))
            }
        }
        return left
    }

    /// A number, a name, a parenthesised expression or a negation; nil (nothing consumed) when the
    /// next token starts none of them.
    private mutating func unary() -> IntegerExpression? {
        guard let token = next else { return nil }
        switch token.kind {
        case .operand(let leaf):
            position += 1
            return leaf
        case .smallestMagnitude:
            position += 1
            report(ExpressionTokenizer.tooBig(token.text), at: token)
            return .literal(0)
        case .op(.subtract):
            position += 1
            guard count(operatorAt: token), enter(token) else { return .literal(0) }
            defer { nesting -= 1 }
            if let literal = next, case .smallestMagnitude = literal.kind {
                position += 1
                return .literal(Int.min)
            }
            guard let operand = unary() else {
                report("'-' is missing its operand (a number, a name or a parenthesised expression)", at: token)
                return .literal(0)
            }
            return .negate(operand, at: location(token.offset))
        case .open:
            position += 1
            guard enter(token) else { return .literal(0) }
            openParentheses += 1
            defer {
                nesting -= 1
                openParentheses -= 1
            }
            let inner = expression(atLeast: 1, isRightOperand: false)
            guard let close = next, case .close = close.kind else {
                report("'(' is never closed", at: token)
                return inner ?? .literal(0)
            }
            position += 1
            if inner == nil { report("'()' is empty; write an expression between the parentheses", at: token) }
            return inner ?? .literal(0)
        case .op, .close:
            return nil
        }
    }

    /// Counts an operator; false (reported, and the rest skipped) past the limit.
    private mutating func count(operatorAt token: ExpressionToken) -> Bool {
        operators += 1
        guard operators <= Self.maximumOperators else {
            report("an expression has at most \(Self.maximumOperators) operators", at: token)
            abandoned = true
            return false
        }
        return true
    }

    /// Enters a parenthesis or a negation; false (reported, and the rest skipped) past the limit.
    private mutating func enter(_ token: ExpressionToken) -> Bool {
        guard nesting < Self.maximumNesting else {
            report("an expression nests at most \(Self.maximumNesting) levels of parentheses and minus signs",
                at: token)
            abandoned = true
            return false
        }
        nesting += 1
        return true
    }
}
