import ScenarioCompiler
import ScenarioSyntax

/// Evaluating integer expressions: the one evaluator every engine runs.
extension Interpreter {
    /// Why an expression has no value.
    enum ExpressionFailure {
        case arithmetic(PythonArithmetic.Outcome)
        case itemIsText(String)
        case noItem
    }

    /// What evaluating an expression gives.
    enum ExpressionOutcome {
        case value(Int)
        case failure(ExpressionFailure)
    }

    /// The value of `CompiledScenario.expressions[index]`, read now: each variable is read at the
    /// moment the evaluation reaches it, without any lock. A division by zero, a result past the
    /// integers or an `item` that is not an integer stops the run with an error at the step.
    func evaluate(_ index: Int, at instruction: Instruction) throws(InstanceExit) -> Int {
        let expression = context.scenario.expressions[index]
        let outcome = withUnsafeTemporaryAllocation(of: Int.self, capacity: expression.stackDepth) { stack in
            run(expression.code, on: stack)
        }
        switch outcome {
        case .value(let value):
            return value
        case .failure(let failure):
            throw fail(message(failure, evaluating: expression, at: instruction), at: instruction)
        }
    }

    /// Runs postfix code; the compiler sized `stack` for it.
    private func run(_ code: [CompiledExpression.Step], on stack: UnsafeMutableBufferPointer<Int>)
        -> ExpressionOutcome
    {
        var top = 0
        for step in code {
            let value: Int
            switch step {
            case .literal(let literal): value = literal
            case .variable(let object): value = variable(object).load()
            case .index: value = info.index
            case .round: value = round
            case .builtin(let name): value = builtin(name)
            case .item:
                switch item {
                case .integer(let integer): value = integer
                case .text(let text): return .failure(.itemIsText(text))
                case .none: return .failure(.noItem)
                }
            case .negate:
                switch PythonArithmetic.negate(stack[top - 1]) {
                case .value(let negated): stack[top - 1] = negated
                case let failure: return .failure(.arithmetic(failure))
                }
                continue
            case .binary(let op):
                switch PythonArithmetic.apply(op, stack[top - 2], stack[top - 1]) {
                case .value(let result):
                    top -= 1
                    stack[top - 1] = result
                case let failure: return .failure(.arithmetic(failure))
                }
                continue
            }
            stack[top] = value
            top += 1
        }
        guard top == 1 else { preconditionFailure("an expression's code left \(top) values on the stack, not 1") }
        return .value(stack[0])
    }

    private func message(
        _ failure: ExpressionFailure, evaluating expression: CompiledExpression, at instruction: Instruction
    ) -> String {
        let place = "evaluating '{\(expression.text)}' in its \(instruction.operation.verbDescription)"
        switch failure {
        case .arithmetic(.divisionByZero):
            return "'\(info.name)' divides by zero \(place)"
        case .arithmetic(.overflow(let upward)):
            let end = upward ? "largest integer (\(Int.max))" : "smallest integer (\(Int.min))"
            return "'\(info.name)' goes past the \(end) \(place)"
        case .arithmetic(.value):
            preconditionFailure("a computed value is not a failure")
        case .itemIsText(let text):
            return "'item' is \"\(text)\", which is not an integer, \(place)"
        case .noItem:
            return "'item' is used before this instance got anything from a queue, \(place)"
        }
    }
}

extension Operation {
    /// "'set' step", for messages about the expression a step computes.
    fileprivate var verbDescription: String {
        switch self {
        case .add(_, _, let sign): sign > 0 ? "'increment' step" : "'decrement' step"
        case .set: "'set' step"
        case .loopStart: "'repeat' count"
        case .log: "'log' step"
        case .put: "'put' step"
        case .complete: "'result'"
        default: "step"
        }
    }
}
