import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

/// Integer expressions in `{…}`: what the checker accepts, and every mistake reported at its column.
@Suite("Expressions: checking")
struct ExpressionCheckTests {
    static func worker(_ steps: String) -> String { PlaceholderTests.worker(steps) }

    static let mistakes: [ErrorCase] = [
        .init("dangling operator", worker("""
            - log: "{i ‸+ }"
            """), "'+' is missing its right operand"),
        .init("operator without a left operand", worker("""
            - log: "{‸* i}"
            """), "'*' is missing its left operand"),
        .init("two operators in a row report the first", worker("""
            - log: "{i ‸+ * 2}"
            """), "'+' is missing its right operand"),
        .init("minus without an operand", worker("""
            - log: "{2 * ‸-}"
            """), "'-' is missing its operand"),
        .init("unclosed parenthesis", worker("""
            - log: "{‸(i + 1}"
            """), "'(' is never closed"),
        .init("unmatched closing parenthesis", worker("""
            - log: "{i + 1‸)}"
            """), "')' has no matching '('"),
        .init("empty parentheses", worker("""
            - log: "{i * ‸()}"
            """), "'()' is empty"),
        .init("two operands without an operator", worker("""
            - log: "{i ‸2}"
            """), "expected an operator (+ - * / %) before '2'"),
        .init("worker in arithmetic", worker("""
            - log: "{‸worker + 1}"
            """), "'worker' is the instance's name, not an integer"),
        .init("literal too big", worker("""
            - log: "{i + ‸9223372036854775808}"
            """), "'9223372036854775808' is too big for an integer (the largest is 9223372036854775807)"),
        .init("literal far too big", worker("""
            - log: "{‸99999999999999999999999 * i}"
            """), "is too big for an integer"),
        .init("leading zero", worker("""
            - log: "{i * ‸010}"
            """), "'010' has a leading zero"),
        .init("constant division by zero", worker("""
            - log: "{7 ‸/ 0}"
            """), "'7 / 0' always divides by zero"),
        .init("constant remainder by zero, computed", worker("""
            - log: "{i ‸% (3 - 3)}"
            """), "'i % (3 - 3)' always divides by zero"),
        .init("constant overflow", worker("""
            - log: "{9223372036854775807 ‸+ 1}"
            """), "'9223372036854775807 + 1' is always past the largest integer"),
        .init("constant overflow downwards", worker("""
            - log: "{-9223372036854775808 ‸- 1}"
            """), "is always past the smallest integer (-9223372036854775808)"),
        .init("python floor division spelling", worker("""
            - log: "{i ‸// 2}"
            """), "write '/' rather than '//'"),
        .init("python power", worker("""
            - log: "{i ‸** 2}"
            """), "'**' (a power) is not part of expressions"),
        .init("a character that is not part of expressions", worker("""
            - log: "{i ‸& 1}"
            """), "'&' cannot be part of an expression"),
        .init("undeclared name inside an expression", worker("""
            - log: "{‸countr + 1}"
            """), "'{countr}' uses 'countr', which is not declared; did you mean 'counter'?"),
        .init("name of the wrong kind inside an expression", worker("""
            - log: "{1 + ‸l}"
            """), "'{l}' needs a variable, but 'l' is a lock"),
        .init("round outside repeat inside an expression", worker("""
            - set: counter
              to: "{‸round * 2}"
            """), "'{round}' is used outside any 'repeat'"),
        .init("item without a get inside an expression", worker("""
            - log: "{‸item + 1}"
            """), "never has a 'get' step"),
        .init("dangling operator in by", worker("""
            - increment: counter
              by: "{counter ‸* }"
            """), "'*' is missing its right operand"),
        .init("unquoted expression in to", worker("""
            - set: counter
              to: {i ‸+ }
            """), "'+' is missing its right operand"),
        .init("worker in a repeat count expression", worker("""
            - repeat: "{‸worker * 2}"
              do:
                - log: hi
            """), "'worker' is the instance's name"),
        .init("negative constant repeat count", worker("""
            - repeat: ‸"{2 - 5}"
              do:
                - log: hi
            """), "'repeat' must be at least 0, not -3"),
        .init("expression in a put value", worker("""
            - put: q
              value: "{i ‸/ 0}"
            """), "'i / 0' always divides by zero"),
        .init("empty braces in by", worker("""
            - increment: counter
              by: ‸"{ }"
            """), "'by' has nothing between its braces"),
    ]

    @Test(arguments: mistakes)
    func aMistakeIsReportedAtItsColumn(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    /// One pass reports every problem of every expression, names in a broken expression included.
    @Test func everyProblemIsReportedInOnePass() {
        let checked = Checked(Self.worker("""
            - log: "{‸countr ‸+ } {‸(i + 1} {‸worker * 2}"
            - increment: counter
              by: "{i ‸/ 0}"
            - repeat: "{‸round}"
              do:
                - log: "{i ‸2}"
            """))
        let expected = [
            "'countr', which is not declared", "'+' is missing its right operand", "'(' is never closed",
            "'worker' is the instance's name", "'i / 0' always divides by zero", "'{round}' is used outside any 'repeat'",
            "expected an operator",
        ]
        for (marker, fragment) in expected.enumerated() {
            checked.expect(.error, fragment, at: marker, alone: false)
        }
        #expect(checked.errors.count == expected.count, "\(checked.listing)")
    }

    @Test func validExpressionsEverywhereAnIntegerOrAPlaceholderGoes() {
        Checked(Self.worker("""
            - get: q
            - increment: counter
              by: "{i * 2 + 1}"
            - decrement: counter
              by: {(i - 1) % 3}
            - set: counter
              to: "{ counter + item }"
            - repeat: "{i * 2}"
              do:
                - log: "{i} squared is {i * i}, round {round - 1}, {-counter / 2}"
                - put: q
                  value: "{round % 2}-{item * 10}"
            - log: {i * i}
            - log: "{-9223372036854775808} {9223372036854775807}"
            """)).expectValid()
    }

    /// `*` binds tighter than `+` and `-`, which are left-associative; unary minus binds tightest.
    @Test(arguments: [
        ("2 + 3 * 4", "2 + 3 * 4", 14), ("(2 + 3) * 4", "(2 + 3) * 4", 20), ("10 - 4 - 3", "10 - 4 - 3", 3),
        ("10 - (4 - 3)", "10 - (4 - 3)", 9), ("-7 / 2", "-7 / 2", -4), ("- (7) % 3", "-7 % 3", 2),
        ("100 / 10 / 5", "100 / 10 / 5", 2), ("2 * -3", "2 * -3", -6), ("-(2 + 3)*2", "-(2 + 3) * 2", -10),
        ("7%3*2", "7 % 3 * 2", 2), ("((1))", "1", 1),
    ])
    func precedenceAndAssociativity(_ written: String, _ formatted: String, _ value: Int) throws {
        let expression = try #require(try Self.expression(in: "\"{\(written)}\""))
        #expect(expression.formatted == formatted)
        #expect(expression.constantValue == value)
    }

    @Test func aBareNameKeepsItsMeaningAndSpacesAreAllowed() throws {
        let checked = Checked(Self.worker("""
            - log: "{ worker } {  i } {counter }"
            - set: counter
              to: "{ counter }"
            """))
        checked.expectValid()
        let steps = try #require(checked.result.scenario?.ast.workers.first?.steps)
        guard case .log(let template) = steps[0].action, case .worker = template.parts[0], case .index = template.parts[2],
            case .variable(let name) = template.parts[4], name.value == "counter",
            case .set(_, to: .variable) = steps[1].action
        else {
            Issue.record("unexpected \(steps.map(\.action))")
            return
        }
    }

    /// The parser recurses; bounds keep a hostile file from exhausting the stack.
    @Test func hugeExpressionsAreRefusedNotCrashedOn() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let long = Array(repeating: "1", count: 100_000).joined(separator: "+")
        let minus = String(repeating: "-", count: 100_000) + "1"
        let checked = Checked(Self.worker("""
            - log: "{\(deep)}"
            - log: "{\(long)}"
            - log: "{\(minus)}"
            """))
        #expect(checked.errors.contains { $0.message.contains("nests at most 32 levels") }, "\(checked.listing)")
        #expect(checked.errors.contains { $0.message.contains("at most 256 operators") }, "\(checked.listing)")
        #expect(checked.errors.count == 3, "\(checked.listing)")
    }

    /// The AST of `set: counter` with `to:` written as given.
    static func expression(in written: String) throws -> IntegerExpression? {
        let checked = Checked(worker("""
            - set: counter
              to: \(written)
            """))
        checked.expectValid()
        let step = try #require(checked.result.scenario?.ast.workers.first?.steps.first)
        guard case .set(_, let expression) = step.action else { return nil }
        return expression
    }
}
