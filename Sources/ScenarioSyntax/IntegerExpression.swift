import ScenarioDiagnostics

/// An integer operand: a literal, a `{name}` read when the step runs, or an expression over
/// them such as `{(i - 1) % 3}`. The same tree serves `by`, `to`, `repeat` counts and `{…}` in
/// texts; the compiler turns it into a `CompiledExpression`.
public indirect enum IntegerExpression: Sendable {
    case literal(Int)
    case variable(Reference)
    /// `{i}`: the instance's 1-based index.
    case index
    case item(SourceLocation)
    case round(SourceLocation)
    /// `{result}` or `{pid}`: a value of the future being handled, or of the process.
    case builtin(Builtin, SourceLocation)
    /// `-x`, with where the minus is written.
    case negate(IntegerExpression, at: SourceLocation)
    /// `x + y` and the like, with where the operator is written.
    case binary(ArithmeticOperator, IntegerExpression, IntegerExpression, at: SourceLocation)

    /// The names and built-ins the expression reads (`.variable`, `.index`, `.item`, `.round`), left to right.
    public var leaves: [IntegerExpression] {
        var result: [IntegerExpression] = []
        collectLeaves(into: &result)
        return result
    }

    private func collectLeaves(into result: inout [IntegerExpression]) {
        switch self {
        case .literal: break
        case .variable, .index, .item, .round, .builtin: result.append(self)
        case .negate(let operand, _): operand.collectLeaves(into: &result)
        case .binary(_, let left, let right, _):
            left.collectLeaves(into: &result)
            right.collectLeaves(into: &result)
        }
    }

    /// The value when the expression reads nothing and computes without error, else nil.
    public var constantValue: Int? {
        switch self {
        case .literal(let value): return value
        case .variable, .index, .item, .round, .builtin: return nil
        case .negate(let operand, _):
            guard let value = operand.constantValue else { return nil }
            return PythonArithmetic.negate(value).value
        case .binary(let op, let left, let right, _):
            guard let left = left.constantValue, let right = right.constantValue else { return nil }
            return PythonArithmetic.apply(op, left, right).value
        }
    }

    /// The expression written out with single spaces around operators and only the parentheses
    /// it needs, as messages quote it: `(i - 1) % 3`.
    public var formatted: String {
        switch self {
        case .literal(let value): return String(value)
        case .variable(let name): return name.value
        case .index: return "i"
        case .item: return "item"
        case .round: return "round"
        case .builtin(let builtin, _): return builtin.rawValue
        case .negate(let operand, _):
            let inner = operand.formatted
            return operand.isAtomic && !inner.hasPrefix("-") ? "-" + inner : "-(\(inner))"
        case .binary(let op, let left, let right, _):
            // Left-associative: a right operand of the same precedence needs parentheses (a - (b - c)).
            let leftText = left.precedence < op.precedence ? "(\(left.formatted))" : left.formatted
            let rightText = right.precedence <= op.precedence ? "(\(right.formatted))" : right.formatted
            return "\(leftText) \(op.rawValue) \(rightText)"
        }
    }

    /// How tightly the expression's outermost operation binds: operands and negation bind tightest.
    private var precedence: Int {
        if case .binary(let op, _, _, _) = self { op.precedence } else { 3 }
    }

    private var isAtomic: Bool {
        switch self {
        case .negate, .binary: false
        default: true
        }
    }
}

/// Built-in integer names of pools and futures.
public enum Builtin: String, Sendable {
    /// `{result}`: the value of the future handled by `on_done`, `as_completed` or `gather`.
    case result
    /// `{pid}`: the id of the OS process running the step (getpid()).
    case pid
}

/// The binary operators of an integer expression.
public enum ArithmeticOperator: Character, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"

    /// `*`, `/` and `%` bind tighter than `+` and `-`, as in Python.
    public var precedence: Int {
        switch self {
        case .add, .subtract: 1
        case .multiply, .divide, .remainder: 2
        }
    }
}
