import ScenarioCompiler

/// What an engine that replays a recorded run needs to know about an instance's next step.
extension Interpreter {
    /// When the next step is the read of an `increment` or `decrement` (which leaves no event):
    /// the variable, and what the write after it will add to the value read (negative for a
    /// decrement), so that the replay can place the read where the recorded write says it was.
    /// Nil otherwise, or when the amount cannot be known yet (an `{item}` that is no integer).
    package var pendingRead: (variable: Int, delta: Int)? {
        guard pc + 1 < program.count, case .load(let read) = program[pc].operation,
            case .add(let written, let operand, let sign) = program[pc + 1].operation, read == written
        else { return nil }
        let amount: Int
        switch operand {
        case .literal(let value): amount = value
        case .variable(let object): amount = variable(object).load()
        case .index: amount = info.index
        case .round: amount = loops.last?.round ?? 0
        case .item:
            guard case .integer(let value) = item else { return nil }
            amount = value
        }
        return (read, sign > 0 ? amount : 0 &- amount)
    }
}
