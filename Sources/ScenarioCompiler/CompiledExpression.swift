import ScenarioSyntax

/// An integer expression as a postfix program: `{(i - 1) % 3}` is `i 1 - 3 %`. The runtime
/// evaluates it on a small stack of `stackDepth` slots, reading names when it runs. Plain
/// constants never become one (they stay `Operand.literal`); this is for what must be computed.
public struct CompiledExpression: Sendable {
    public enum Step: Sendable, Equatable {
        case literal(Int)
        case variable(ObjectID)
        case index
        case item
        case round
        case builtin(Builtin)
        case negate
        case binary(ArithmeticOperator)
    }

    /// The steps in postfix order.
    public let code: [Step]
    /// The most values on the stack at once.
    public let stackDepth: Int
    /// The expression as runtime errors quote it, without braces: `(i - 1) % 3`.
    public let text: String

    /// Compiles `expression`, resolving variable names with `id`.
    init(_ expression: IntegerExpression, id: (Reference) -> ObjectID) {
        var code: [Step] = []
        var depth = 0
        var deepest = 0
        func emit(_ node: IntegerExpression) {
            switch node {
            case .literal(let value): push(.literal(value))
            case .variable(let name): push(.variable(id(name)))
            case .index: push(.index)
            case .item: push(.item)
            case .round: push(.round)
            case .builtin(let builtin, _): push(.builtin(builtin))
            case .negate(let operand, _):
                emit(operand)
                code.append(.negate)
            case .binary(let op, let left, let right, _):
                emit(left)
                emit(right)
                code.append(.binary(op))
                depth -= 1
            }
        }
        func push(_ step: Step) {
            code.append(step)
            depth += 1
            deepest = max(deepest, depth)
        }
        emit(expression)
        self.code = code
        self.stackDepth = deepest
        self.text = expression.formatted
    }
}
