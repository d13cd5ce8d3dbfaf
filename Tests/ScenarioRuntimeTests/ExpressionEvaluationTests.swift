import ScenarioRuntime
import ScenarioSyntax
import Testing

/// Integer expressions evaluated by the interpreter: Python's integer meaning, and runtime errors
/// at the step for what has no value.
@Suite("Expressions: evaluation")
struct ExpressionEvaluationTests {
    /// `a // b` and `a % b` as Python gives them, worked out by hand from Python's rules (the
    /// quotient rounds down; the remainder has the sign of the divisor; a == a // b * b + a % b).
    struct FloorCase: Sendable, CustomTestStringConvertible {
        var a: Int, b: Int, quotient: Int, remainder: Int
        var testDescription: String { "\(a) / \(b)" }
    }

    static let floorTable: [FloorCase] = [
        .init(a: 7, b: 2, quotient: 3, remainder: 1),
        .init(a: -7, b: 2, quotient: -4, remainder: 1),
        .init(a: 7, b: -2, quotient: -4, remainder: -1),
        .init(a: -7, b: -2, quotient: 3, remainder: -1),
        .init(a: 7, b: 3, quotient: 2, remainder: 1),
        .init(a: -7, b: 3, quotient: -3, remainder: 2),
        .init(a: 7, b: -3, quotient: -3, remainder: -2),
        .init(a: -7, b: -3, quotient: 2, remainder: -1),
        .init(a: 6, b: 3, quotient: 2, remainder: 0),
        .init(a: -6, b: 3, quotient: -2, remainder: 0),
        .init(a: 0, b: -5, quotient: 0, remainder: 0),
        .init(a: 1, b: 3, quotient: 0, remainder: 1),
        .init(a: -1, b: 3, quotient: -1, remainder: 2),
        .init(a: 9223372036854775807, b: -2, quotient: -4611686018427387904, remainder: -1),
        .init(a: -9223372036854775808, b: 1, quotient: -9223372036854775808, remainder: 0),
        .init(a: -9223372036854775808, b: 3, quotient: -3074457345618258603, remainder: 1),
        .init(a: -9223372036854775808, b: 9223372036854775807, quotient: -2, remainder: 9223372036854775806),
    ]

    /// Read from variables, so that the runtime computes them (constants are folded by the compiler).
    @Test(arguments: floorTable)
    func divisionFloorsAndTheRemainderTakesTheDivisorsSign(_ row: FloorCase) throws {
        let report = try runScenario("""
            scenario: Floor
            variables:
              a: \(row.a)
              b: \(row.b)
            workers:
              w:
                - log: "{a / b} {a % b}"
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(logs(report) == ["\(row.quotient) \(row.remainder)"])
        #expect(PythonArithmetic.apply(.divide, row.a, row.b) == .value(row.quotient))
        #expect(PythonArithmetic.apply(.remainder, row.a, row.b) == .value(row.remainder))
    }

    @Test func constantsFoldedAtCompileTimeAgreeWithTheRuntime() throws {
        let report = try runScenario("""
            scenario: Folded
            workers:
              w:
                - log: "{-7 / 2} {-7 % 3} {7 % -3} {-9223372036854775808 % -1} {2 + 3 * 4} {(2 + 3) * 4} {10 - 4 - 3}"
            """)
        #expect(logs(report) == ["-4 2 -2 0 14 20 3"], "\(report.brief)")
    }

    @Test func precedenceAndAssociativityAtRunTime() throws {
        let report = try runScenario("""
            scenario: Precedence
            variables:
              a: 2
              b: 3
              c: 4
            workers:
              w:
                - log: "{a + b * c} {(a + b) * c} {c - b - a} {c - (b - a)} {c * b / a / a} {-a * b} {- -a} {c % b * a}"
            """)
        #expect(logs(report) == ["14 20 -1 3 3 -6 2 2"], "\(report.brief)")
    }

    @Test func countsAmountsAndValuesTakeExpressions() throws {
        let report = try runScenario("""
            scenario: Counts
            variables:
              total: 0
              rounds: 0
            locks:
              guard: lock
            workers:
              w:
                count: 3
                steps:
                  - repeat: "{i * 2}"
                    do:
                      - with: guard
                        do:
                          - increment: rounds
                  - with: guard
                    do:
                      - increment: total
                        by: "{i}"
                      - decrement: total
                        by: {i * 10 - 10}
            """)
        #expect(report.status == .ok, "\(report.brief)")
        #expect(report.variable("rounds") == 2 + 4 + 6)
        #expect(report.variable("total") == (1 + 2 + 3) - (0 + 10 + 20))
    }

    /// A name in an expression is read when the evaluation reaches it: the value at that instant.
    @Test func aVariableIsReadWhenTheStepRuns() throws {
        let report = try runScenario("""
            scenario: Reads
            variables:
              a: 0
              b: 0
            workers:
              w:
                - set: a
                  to: 5
                - set: b
                  to: "{a * 2}"
                - set: a
                  to: "{a + b}"
                - log: "{a - b} {(a)}"
            """)
        #expect(report.variable("a") == 15)
        #expect(report.variable("b") == 10)
        #expect(logs(report) == ["5 15"], "\(report.brief)")
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var step: String
        var message: String
        var testDescription: String { step }
    }

    static let failures: [Failure] = [
        .init(step: "- set: v\n      to: \"{big + 1}\"",
              message: "'w' goes past the largest integer (9223372036854775807) evaluating '{big + 1}' in its 'set' step"),
        .init(step: "- set: v\n      to: \"{small - 1}\"",
              message: "'w' goes past the smallest integer (-9223372036854775808) evaluating '{small - 1}' in its 'set' step"),
        .init(step: "- increment: v\n      by: \"{small * 2}\"",
              message: "goes past the smallest integer (-9223372036854775808) evaluating '{small * 2}' in its 'increment' step"),
        .init(step: "- decrement: v\n      by: \"{-small}\"",
              message: "goes past the largest integer (9223372036854775807) evaluating '{-small}' in its 'decrement' step"),
        .init(step: "- log: \"{small / minus_one}\"",
              message: "goes past the largest integer (9223372036854775807) evaluating '{small / minus_one}' in its 'log' step"),
        .init(step: "- set: v\n      to: \"{10 / zero}\"",
              message: "'w' divides by zero evaluating '{10 / zero}' in its 'set' step"),
        .init(step: "- log: \"{i % (zero * 2)}\"",
              message: "'w' divides by zero evaluating '{i % (zero * 2)}' in its 'log' step"),
        .init(step: "- repeat: \"{1 / zero}\"\n      do:\n        - log: never",
              message: "'w' divides by zero evaluating '{1 / zero}' in its 'repeat' count"),
    ]

    /// Overflow and division by zero stop the run with an error at the step (exit 5 from the CLI);
    /// the step does nothing.
    @Test(arguments: failures)
    func overflowAndDivisionByZeroAreRuntimeErrorsAtTheStep(_ failure: Failure) throws {
        let report = try runScenario("""
            scenario: Failing
            variables:
              v: 7
              big: 9223372036854775807
              small: -9223372036854775808
              minus_one: -1
              zero: 0
            workers:
              w:
                \(failure.step)
                - log: "never printed"
            """)
        #expect(report.status == .error, "\(report.brief)")
        let error = try #require(report.error)
        #expect(error.message.contains(failure.message), "\(error.message)")
        #expect(error.location == "test.yaml:10:7")
        #expect(report.instance("w")?.status == .failed)
        #expect(report.variable("v") == 7)
        #expect(logs(report).isEmpty)
    }

    @Test func itemInAnExpressionMustBeAnInteger() throws {
        let report = try runScenario("""
            scenario: Text item
            queues:
              q: 0
            workers:
              w:
                - put: q
                  value: "abc"
                - get: q
                - log: "{item} is fine alone"
                - log: "{item * 2}"
            """)
        #expect(logs(report) == ["abc is fine alone"])
        #expect(report.error?.message
            == "'item' is \"abc\", which is not an integer, evaluating '{item * 2}' in its 'log' step")
        #expect(report.error?.location == "test.yaml:10:7")
    }

    private func logs(_ report: RunReport) -> [String] {
        report.events.compactMap { event in
            guard event.kind == .log, case .text(let text) = event.value else { return nil }
            return text
        }
    }
}
