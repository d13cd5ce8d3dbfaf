import ScenarioDiagnostics

/// One token of an integer expression, at its offset (in Unicode scalars) in the braces' text.
struct ExpressionToken {
    enum Kind {
        /// A number or a name, already read into the leaf it stands for.
        case operand(IntegerExpression)
        /// 9223372036854775808: too big for an integer, except right after a minus (the smallest integer).
        case smallestMagnitude
        case op(ArithmeticOperator)
        case open
        case close
    }

    var kind: Kind
    var text: String
    var offset: Int
    /// A character that is no token, already reported: it stands in as an operator so that
    /// `i & 1` does not also report two operands in a row, and nothing reports it again.
    var isReported = false
}

/// Splits the text between braces into tokens, reporting what cannot be one. A token it reports
/// is replaced by a 0 (or dropped), so that parsing goes on and finds the other problems too.
struct ExpressionTokenizer {
    private(set) var problems: [Diagnostic] = []
    private let location: (Int) -> SourceLocation

    init(location: @escaping (Int) -> SourceLocation) {
        self.location = location
    }

    static let smallestMagnitude = "9223372036854775808"

    mutating func tokens(_ scalars: [Unicode.Scalar]) -> [ExpressionToken] {
        var tokens: [ExpressionToken] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            index += 1
            if scalar == " " || scalar == "\t" { continue }
            if let op = ArithmeticOperator(rawValue: Character(scalar)) {
                // Python's '//' and '**' are near misses: say what to write, and read them as '/' and '*'.
                if index < scalars.count, scalars[index] == scalar, op == .divide || op == .multiply {
                    index += 1
                    problems.append(.error(op == .divide
                        ? "write '/' rather than '//': '/' already divides rounding down, as Python's '//' does"
                        : "'**' (a power) is not part of expressions; use '*' to multiply", at: location(start)))
                }
                tokens.append(ExpressionToken(kind: .op(op), text: String(op.rawValue), offset: start))
                continue
            }
            if scalar == "(" || scalar == ")" {
                tokens.append(ExpressionToken(kind: scalar == "(" ? .open : .close, text: String(scalar), offset: start))
                continue
            }
            guard scalar.isWordScalar else {
                problems.append(.error(
                    "'\(scalar)' cannot be part of an expression, which is made of integers, names, "
                        + "+ - * / % and parentheses", at: location(start)))
                tokens.append(ExpressionToken(kind: .op(.add), text: String(scalar), offset: start, isReported: true))
                continue
            }
            while index < scalars.count, scalars[index].isWordScalar { index += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<index]))
            tokens.append(ExpressionToken(kind: operand(word, at: location(start)), text: word, offset: start))
        }
        return tokens
    }

    /// A number or a name, or (reported) a 0 in place of a malformed one.
    private mutating func operand(_ word: String, at here: SourceLocation) -> ExpressionToken.Kind {
        if word.first?.isASCIIDigit == true {
            if !word.allSatisfy(\.isASCIIDigit) {
                return invalid("'\(word.elided)' is neither a number nor a name (a name starts with a letter or '_')", at: here)
            }
            if NumberSpelling.hasLeadingZero(Substring(word)) {
                return invalid(NumberSpelling.leadingZero(in: word), at: here)
            }
            if let value = Int(word) { return .operand(.literal(value)) }
            if word == Self.smallestMagnitude { return .smallestMagnitude }
            return invalid(Self.tooBig(word), at: here)
        }
        guard ScenarioParser.isValidName(word) else {
            return invalid("'\(word.elided)' is too long for a name (\(word.utf8.count) characters); "
                + "a name has at most \(ScenarioParser.maximumNameLength)", at: here)
        }
        switch word {
        case "i": return .operand(.index)
        case "item": return .operand(.item(here))
        case "round": return .operand(.round(here))
        case "result": return .operand(.builtin(.result, here))
        case "pid": return .operand(.builtin(.pid, here))
        case "future":
            return invalid("'future' is the name of the instance whose result is handled, not an integer, "
                + "so it cannot be computed with", at: here)
        case "worker":
            return invalid("'worker' is the instance's name, not an integer, so it cannot be computed with; "
                + "use 'i' for the instance's number", at: here)
        default: return .operand(.variable(Reference(word, at: here)))
        }
    }

    static func tooBig(_ digits: String) -> String {
        "'\(digits.elided)' is too big for an integer (the largest is \(Int.max))"
    }

    private mutating func invalid(_ message: String, at here: SourceLocation) -> ExpressionToken.Kind {
        problems.append(.error(message, at: here))
        return .operand(.literal(0))
    }
}

extension Unicode.Scalar {
    /// A letter, digit or '_': what names and numbers are made of.
    var isWordScalar: Bool { self == "_" || isASCIILetter || ("0"..."9").contains(self) }
}
