import Foundation
import Testing

/// Integer expressions through the built executable: computed values in the output, exit 5 for a
/// division by zero at run time, exit 2 with carets under each bad expression for `check`.
@Suite("Expressions, end to end")
struct ExpressionEndToEndTests {
    @Test func squaresAreComputedAndPrinted() throws {
        let directory = try TemporaryDirectory()
        try directory.write("squares.yaml", """
            scenario: Squares
            variables:
              total: 0
            workers:
              w:
                count: 3
                steps:
                  - log: "{i} squared is {i * i}; -{i} / 2 is {-i / 2}, -7 % 3 is {-7 % 3}"
            """)
        let output = try runScenario(["run", "squares.yaml", "--format", "json"], in: directory.url)
        #expect(output.exited(with: 0), "\(output.summary)")
        for line in ["1 squared is 1; -1 / 2 is -1, -7 % 3 is 2", "2 squared is 4; -2 / 2 is -1, -7 % 3 is 2",
            "3 squared is 9; -3 / 2 is -2, -7 % 3 is 2"]
        {
            #expect(output.stdout.contains(line), "\(output.summary)")
        }
    }

    @Test func aPutValueThatIsOneNumberPlaceholderPutsAnInteger() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("items.yaml", """
            scenario: Computed items
            variables:
              total: 0
            queues:
              q: 0
              relay: 0
            workers:
              producer:
                count: 2
                steps:
                  - put: q
                    value: "{i * 10}"
              consumer:
                - repeat: 2
                  do:
                    - get: q
                    - put: relay
                      value: "{item}"
                    - get: relay
                    - increment: total
                      by: "{item}"
                - put: relay
                  value: "total {total}"
            expect:
              total: 30
            """)
        let output = try runScenario(["run", "items.yaml", "--runtime", "simulate", "--quiet", "--timeline", "run.jsonl"], in: directory.url)
        #expect(output.exited(with: 0), "\(output.summary)")
        let timeline = try directory.read("run.jsonl")
        #expect(timeline.contains(#""event":"put","object":"q","value":10"#), "\(timeline)")
        #expect(timeline.contains(#""event":"put","object":"relay","value":20"#) || timeline.contains(#""event":"put","object":"relay","value":10"#))
        #expect(timeline.contains(#""event":"put","object":"relay","value":"total 30""#), "text around a placeholder keeps it text")
    }

    @Test func divisionByZeroAtRunTimeExitsFiveNamingTheStepAndTheExpression() throws {
        let directory = try TemporaryDirectory()
        try directory.write("zero.yaml", """
            scenario: Zero
            variables:
              people: 0
              share: 0
            workers:
              w:
                - set: share
                  to: "{100 / people}"
            """)
        let output = try runScenario(["run", "zero.yaml", "--color", "never"], in: directory.url)
        #expect(output.exited(with: 5), "\(output.summary)")
        #expect((output.stdout + output.stderr).contains(
            "zero.yaml:7:7: runtime error: 'w' divides by zero evaluating '{100 / people}' in its 'set' step"),
            "\(output.summary)")
    }

    @Test func checkPutsACaretUnderEachBadExpression() throws {
        let directory = try TemporaryDirectory()
        try directory.write("bad.yaml", """
            scenario: Bad
            variables:
              counter: 0
            workers:
              w:
                - log: "{countr * 2} {(i + 1} {i / 0}"
                - increment: counter
                  by: "{worker + 1}"
            """)
        let output = try runScenario(["check", "bad.yaml"], in: directory.url)
        #expect(output.exited(with: 2), "\(output.summary)")
        let printed = PrintedDiagnostic.parse(output.stderr)
        let found = printed.map { "\($0.line):\($0.column) \($0.message)" }
        let expected = [
            "6:14 '{countr}' uses 'countr', which is not declared; did you mean 'counter'?",
            "6:27 '(' is never closed",
            "6:38 'i / 0' always divides by zero",
            "8:13 'worker' is the instance's name, not an integer",
        ]
        #expect(found.count == expected.count, "\(output.summary)")
        for (got, want) in zip(found, expected) {
            #expect(got.hasPrefix(want), "\(output.summary)")
        }
        for diagnostic in printed {
            #expect(diagnostic.caretLine.map { $0.count } == diagnostic.column, "caret of \(diagnostic.line):\(diagnostic.column)")
        }
    }
}
