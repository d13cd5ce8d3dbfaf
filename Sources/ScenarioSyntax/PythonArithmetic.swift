/// Integer arithmetic with Python's meaning, over 64-bit integers: `/` is floor division (Python's
/// `//`: -7 / 2 is -4) and `%` takes the sign of the divisor (-7 % 3 is 2), so that `a == (a / b)
/// * b + a % b` always holds. Where Python's unbounded integers would go past Int64, the result is
/// an overflow rather than a wrapped-around number. The checker folds constants with it and the
/// runtime evaluates with it, so both agree.
public enum PythonArithmetic {
    /// The result of one operation.
    public enum Outcome: Sendable, Equatable {
        case value(Int)
        case divisionByZero
        /// Past the largest integer (`upward`) or the smallest.
        case overflow(upward: Bool)

        public var value: Int? {
            if case .value(let value) = self { value } else { nil }
        }
    }

    public static func apply(_ op: ArithmeticOperator, _ left: Int, _ right: Int) -> Outcome {
        switch op {
        case .add:
            let (sum, overflow) = left.addingReportingOverflow(right)
            return overflow ? .overflow(upward: right > 0) : .value(sum)
        case .subtract:
            let (difference, overflow) = left.subtractingReportingOverflow(right)
            return overflow ? .overflow(upward: right < 0) : .value(difference)
        case .multiply:
            let (product, overflow) = left.multipliedReportingOverflow(by: right)
            return overflow ? .overflow(upward: (left < 0) == (right < 0)) : .value(product)
        case .divide:
            return floorDivide(left, right)
        case .remainder:
            return floorRemainder(left, right)
        }
    }

    public static func negate(_ value: Int) -> Outcome {
        value == Int.min ? .overflow(upward: true) : .value(-value)
    }

    /// Python's `left // right`: the quotient rounded down, not towards zero as Swift's `/` does.
    static func floorDivide(_ left: Int, _ right: Int) -> Outcome {
        guard right != 0 else { return .divisionByZero }
        let (quotient, overflow) = left.dividedReportingOverflow(by: right)
        guard !overflow else { return .overflow(upward: true) }  // Int.min / -1 only
        // Truncation rounded up when the signs differ and something was cut off; one less rounds down.
        // (Cannot overflow: the quotient is then at most 0 and larger than Int.min.)
        if (left % right != 0) && ((left < 0) != (right < 0)) { return .value(quotient - 1) }
        return .value(quotient)
    }

    /// Python's `left % right`: zero or of the sign of `right`.
    static func floorRemainder(_ left: Int, _ right: Int) -> Outcome {
        guard right != 0 else { return .divisionByZero }
        if right == -1 { return .value(0) }  // Swift reports Int.min % -1 as an overflow; it is 0
        let remainder = left % right
        // Opposite signs, so the sum cannot overflow.
        if remainder != 0 && ((remainder < 0) != (right < 0)) { return .value(remainder + right) }
        return .value(remainder)
    }
}
