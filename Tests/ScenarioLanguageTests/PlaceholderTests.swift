import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

/// `{name}` placeholders in `log`, `value`, `by`, `to` and `repeat`. Diagnostics point at the name
/// inside the braces.
@Suite("Placeholders")
struct PlaceholderTests {
    static let declarations = """
        scenario: t
        variables:
          counter: 0
        queues:
          q: 0
        locks:
          l: lock
        workers:
          w:

        """

    /// A scenario whose worker `w` has the given steps (each line indented under `w:`).
    static func worker(_ steps: String) -> String {
        declarations + steps.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    @Test func undeclaredVariableInLog() {
        Checked(Self.worker("""
            - log: "count is {‸countr}"
            """)).expect(.error, "'{countr}' uses 'countr', which is not declared; did you mean 'counter'?")
    }

    @Test func undeclaredVariableInPutValue() {
        Checked(Self.worker("""
            - put: q
              value: "item {‸nope}"
            """)).expect(.error, "'{nope}' uses 'nope', which is not declared")
    }

    @Test func undeclaredVariableInBy() {
        Checked(Self.worker("""
            - increment: counter
              by: "{‸nope}"
            """)).expect(.error, "'{nope}' uses 'nope', which is not declared")
    }

    @Test func undeclaredVariableInTo() {
        Checked(Self.worker("""
            - set: counter
              to: '{‸nope}'
            """)).expect(.error, "'{nope}' uses 'nope', which is not declared")
    }

    @Test func undeclaredVariableInRepeat() {
        Checked(Self.worker("""
            - repeat: "{‸nope}"
              do:
                - log: hi
            """)).expect(.error, "'{nope}' uses 'nope', which is not declared")
    }

    @Test func bareUndeclaredVariableInBy() {
        Checked(Self.worker("""
            - increment: counter
              by: {‸nope}
            """)).expect(.error, "'{nope}' uses 'nope', which is not declared")
    }

    @Test func placeholderOfTheWrongKind() {
        Checked(Self.worker("""
            - log: "{‸l}"
            """)).expect(.error, "'{l}' needs a variable, but 'l' is a lock")
    }

    @Test func roundOutsideRepeat() {
        Checked(Self.worker("""
            - log: "round {‸round}"
            """)).expect(.error, "'{round}' is used outside any 'repeat'; it counts a repeat's rounds")
    }

    @Test func roundOutsideRepeatInBy() {
        Checked(Self.worker("""
            - increment: counter
              by: "{‸round}"
            """)).expect(.error, "'{round}' is used outside any 'repeat'")
    }

    @Test func roundInTheCountOfTheOutermostRepeat() {
        Checked(Self.worker("""
            - repeat: "{‸round}"
              do:
                - log: hi
            """)).expect(.error, "'{round}' is used outside any 'repeat'")
    }

    @Test func itemWithoutGet() {
        Checked(Self.worker("""
            - put: q
            - log: "{‸item}"
            """)).expect(.error, "'{item}' is the last value this worker got from a queue, but worker 'w' never has a 'get' step")
    }

    @Test func itemInValueWithoutGet() {
        Checked(Self.worker("""
            - put: q
              value: "again {‸item}"
            """)).expect(.error, "never has a 'get' step")
    }

    @Test func placeholdersThatAreAlwaysAvailable() {
        Checked(Self.worker("""
            - get: q
            - put: q
              value: "{item} from {worker} #{i}: {counter}"
            - repeat: 2
              do:
                - increment: counter
                  by: "{round}"
                - set: counter
                  to: "{item}"
                - repeat: "{counter}"
                  do:
                    - log: "{round} {counter}"
            """)).expectValid()
    }

    @Test func bareRoundAndItemWrittenUnquotedAreAccepted() throws {
        let checked = Checked(Self.worker("""
            - get: q
            - repeat: 2
              do:
                - log: {round}
                - increment: counter
                  by: {round}
                - set: counter
                  to: {item}
                - put: q
                  value: {counter}
                - repeat: {counter}
                  do:
                    - log: {item}
            """))
        checked.expectValid()
        let steps = try #require(checked.result.scenario?.ast.workers.first?.steps)
        guard case .repeat(_, let body) = steps[1].action else {
            Issue.record("expected a repeat step, got \(steps[1].action)")
            return
        }
        guard case .increment(_, by: .round) = body[1].action else {
            Issue.record("expected 'by: {round}' to be read as the round, got \(body[1].action)")
            return
        }
        guard case .repeat(.times(.variable(let name)), _) = body[4].action else {
            Issue.record("expected 'repeat: {counter}' to read the variable, got \(body[4].action)")
            return
        }
        #expect(name.value == "counter")
    }

    @Test func instanceIndexIsAnInteger() throws {
        let checked = Checked(Self.worker("""
            - increment: counter
              by: "{i}"
            - set: counter
              to: {i}
            - repeat: "{i}"
              do:
                - log: "{worker} is instance {i}"
            """))
        checked.expectValid()
        let steps = try #require(checked.result.scenario?.ast.workers.first?.steps)
        guard case .increment(_, by: .index) = steps[0].action, case .set(_, to: .index) = steps[1].action,
            case .repeat(.times(.index), _) = steps[2].action
        else {
            Issue.record("expected '{i}' to be read as the instance index, got \(steps.map(\.action))")
            return
        }
    }

    @Test func workerNameIsNotAnInteger() {
        Checked(Self.worker("""
            - increment: counter
              by: "{‸worker}"
            """)).expect(.error, "'by' takes an integer, and '{worker}' is a name; use '{i}' for the instance's number")
    }

    @Test func bareWorkerNameIsNotAnInteger() {
        Checked(Self.worker("""
            - repeat: {‸worker}
              do:
                - log: hi
            """)).expect(.error, "'repeat' takes an integer, and '{worker}' is a name")
    }

    @Test func escapedBracesAreLiteral() throws {
        let checked = Checked(Self.worker("""
            - log: "{{not a placeholder}} and {{nope}} {{{counter}}}"
            """))
        checked.expectValid()
        let step = try #require(checked.result.scenario?.ast.workers.first?.steps.first)
        guard case .log(let template) = step.action else {
            Issue.record("expected a log step, got \(step.action)")
            return
        }
        #expect(template.parts.count == 3)
        guard case .text("{not a placeholder} and {nope} {") = template.parts[0],
            case .variable(let name) = template.parts[1], name.value == "counter",
            case .text("}") = template.parts[2]
        else {
            Issue.record("unexpected parts \(template.parts)")
            return
        }
    }

    @Test func constantTextHasNoPlaceholders() throws {
        let checked = Checked(Self.worker("""
            - log: "just {{text}}"
            """))
        let step = try #require(checked.result.scenario?.ast.workers.first?.steps.first)
        guard case .log(let template) = step.action else {
            Issue.record("expected a log step, got \(step.action)")
            return
        }
        #expect(template.constantText == "just {text}")
    }

    @Test func unclosedBrace() {
        Checked(Self.worker("""
            - log: "value ‸{counter"
            """)).expect(.error, "'{' is never closed; write '{{' for a literal brace")
    }

    @Test func loneClosingBrace() {
        Checked(Self.worker("""
            - log: "value ‸} here"
            """)).expect(.error, "a lone '}' in text; write '}}' for a literal brace")
    }

    @Test func placeholderThatIsNotAName() {
        Checked(Self.worker("""
            - log: "{‸1x} items"
            """)).expect(.error, "'{1x}' is not a placeholder")
    }

    @Test func emptyPlaceholder() {
        Checked(Self.worker("""
            - log: "{‸}"
            """)).expect(.error, "'{}' is not a placeholder")
    }

    @Test func positionsCountScalarsBeforeThePlaceholder() {
        Checked(Self.worker("""
            - log: "é😀 e\u{301} {‸nope}"
            """)).expect(.error, "'{nope}' uses 'nope'")
    }

    @Test func singleQuotedAndPlainTextHaveExactPositions() {
        let checked = Checked(Self.worker("""
            - log: 'single {‸nope}'
            - log: plain {‸nada} text
            """))
        checked.expect(.error, "'{nope}' uses 'nope'", at: 0, alone: false)
        checked.expect(.error, "'{nada}' uses 'nada'", at: 1, alone: false)
        #expect(checked.errors.count == 2)
    }

    @Test func escapesMakeThePositionTheStartOfTheText() {
        // After an escape the text no longer lines up with the file; the diagnostic points at
        // the start of the text instead of a wrong column.
        Checked(Self.worker("""
            - log: "‸\\t{nope}"
            """)).expect(.error, "'{nope}' uses 'nope'")
    }

    @Test func logMustBeText() {
        Checked(Self.worker("""
            - log: ‸[a, b]
            """)).expect(.error, "'log' takes text, not a list")
    }
}
