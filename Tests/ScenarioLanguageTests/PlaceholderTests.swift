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

    /// A placeholder names something undeclared, or something that is not a variable.
    static let undeclaredOrWrongKind: [ErrorCase] = [
        .init("undeclared variable in log", worker("""
            - log: "count is {‸countr}"
            """), "'{countr}' uses 'countr', which is not declared; did you mean 'counter'?"),
        .init("undeclared variable in put value", worker("""
            - put: q
              value: "item {‸nope}"
            """), "'{nope}' uses 'nope', which is not declared"),
        .init("undeclared variable in by", worker("""
            - increment: counter
              by: "{‸nope}"
            """), "'{nope}' uses 'nope', which is not declared"),
        .init("undeclared variable in to", worker("""
            - set: counter
              to: '{‸nope}'
            """), "'{nope}' uses 'nope', which is not declared"),
        .init("undeclared variable in repeat", worker("""
            - repeat: "{‸nope}"
              do:
                - log: hi
            """), "'{nope}' uses 'nope', which is not declared"),
        .init("bare undeclared variable in by", worker("""
            - increment: counter
              by: {‸nope}
            """), "'{nope}' uses 'nope', which is not declared"),
        .init("placeholder of the wrong kind", worker("""
            - log: "{‸l}"
            """), "'{l}' needs a variable, but 'l' is a lock"),
        // The node's position is that of its tag or anchor; the name's is found from its end.
        .init("tagged placeholder in to", worker("""
            - set: counter
              to: !!str "{‸nope}"
            """), "'{nope}' uses 'nope', which is not declared"),
        .init("anchored placeholder in by", worker("""
            - increment: counter
              by: &amount '{‸nope}'
            """), "'{nope}' uses 'nope', which is not declared"),
    ]

    @Test(arguments: undeclaredOrWrongKind)
    func aPlaceholderMustNameADeclaredVariable(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    /// `{round}`, `{item}` and `{worker}` where they mean nothing, or not a number.
    static let outOfPlace: [ErrorCase] = [
        .init("round outside repeat", worker("""
            - log: "round {‸round}"
            """), "'{round}' is used outside any 'repeat'; it counts a repeat's rounds"),
        .init("round outside repeat in by", worker("""
            - increment: counter
              by: "{‸round}"
            """), "'{round}' is used outside any 'repeat'"),
        .init("round in the count of the outermost repeat", worker("""
            - repeat: "{‸round}"
              do:
                - log: hi
            """), "'{round}' is used outside any 'repeat'"),
        .init("item without get", worker("""
            - put: q
            - log: "{‸item}"
            """), "'{item}' is the last value this worker got from a queue, but worker 'w' never has a 'get' step"),
        .init("item in value without get", worker("""
            - put: q
              value: "again {‸item}"
            """), "never has a 'get' step"),
        .init("worker name is not an integer", worker("""
            - increment: counter
              by: "{‸worker}"
            """), "'by' takes an integer, and '{worker}' is a name; use '{i}' for the instance's number"),
        .init("bare worker name is not an integer", worker("""
            - repeat: {‸worker}
              do:
                - log: hi
            """), "'repeat' takes an integer, and '{worker}' is a name"),
    ]

    @Test(arguments: outOfPlace)
    func aBuiltInPlaceholderOutOfItsPlace(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    /// Braces that do not make a placeholder, positions inside the text, and text that is not text.
    static let malformed: [ErrorCase] = [
        .init("unclosed brace", worker("""
            - log: "value ‸{counter"
            """), "'{' is never closed; write '{{' for a literal brace"),
        .init("lone closing brace", worker("""
            - log: "value ‸} here"
            """), "a lone '}' in text; write '}}' for a literal brace"),
        .init("placeholder that is neither a name nor an expression", worker("""
            - log: "{‸1x} items"
            """), "'1x' is neither a number nor a name"),
        .init("empty placeholder", worker("""
            - log: "{‸}"
            """), "'{}' is not a placeholder"),
        .init("positions count scalars before the placeholder", worker("""
            - log: "é😀 e\u{301} {‸nope}"
            """), "'{nope}' uses 'nope'"),
        // After an escape the text no longer lines up with the file; the diagnostic points at
        // the start of the text instead of a wrong column.
        .init("escapes make the position the start of the text", worker("""
            - log: "‸\\t{nope}"
            """), "'{nope}' uses 'nope'"),
        .init("log must be text", worker("""
            - log: ‸[a, b]
            """), "'log' takes text, not a list"),
    ]

    @Test(arguments: malformed)
    func aMalformedPlaceholderOrText(_ errorCase: ErrorCase) {
        errorCase.check()
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

    @Test func singleQuotedAndPlainTextHaveExactPositions() {
        let checked = Checked(Self.worker("""
            - log: 'single {‸nope}'
            - log: plain {‸nada} text
            """))
        checked.expect(.error, "'{nope}' uses 'nope'", at: 0, alone: false)
        checked.expect(.error, "'{nada}' uses 'nada'", at: 1, alone: false)
        #expect(checked.errors.count == 2)
    }

    /// The checker stopped at the first malformed brace of a text, and dropped the step, so the
    /// undeclared names before it were not reported either.
    @Test func everyProblemOfATextIsReportedAtItsColumn() {
        let checked = Checked(Self.worker("""
            - log: "{‸unknown} {‸countr} {‸} ‸{counter"
            """))
        checked.expect(.error, "'{unknown}' uses 'unknown', which is not declared", at: 0, alone: false)
        checked.expect(.error, "'{countr}' uses 'countr', which is not declared; did you mean 'counter'?", at: 1, alone: false)
        checked.expect(.error, "'{}' is not a placeholder", at: 2, alone: false)
        checked.expect(.error, "'{' is never closed", at: 3, alone: false)
        #expect(checked.errors.count == 4, "\(checked.listing)")
    }

    @Test func everyBraceProblemOfAPutValueIsReported() {
        let checked = Checked(Self.worker("""
            - put: q
              value: "‸} {‸1x} {‸counter}"
            """))
        checked.expect(.error, "a lone '}' in text", at: 0, alone: false)
        checked.expect(.error, "'1x' is neither a number nor a name", at: 1, alone: false)
        #expect(checked.errors.count == 2, "\(checked.listing)")
        #expect(!checked.diagnostics.contains { $0.location == checked.markers[2] })
    }
}
