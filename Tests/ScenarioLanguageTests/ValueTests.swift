import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation
import Testing

@Suite("Integers")
struct IntegerTests {
    /// A value the language does not read as an integer, and what the message must say.
    struct BadInteger: Sendable, CustomTestStringConvertible {
        var written: String
        var fragment: String
        var testDescription: String { written }
    }

    static let badIntegers: [BadInteger] = [
        BadInteger(written: "\"3\"", fragment: "must be an integer, but \"3\" is quoted, which makes it text; remove the quotes"),
        BadInteger(written: "'3'", fragment: "is quoted, which makes it text"),
        // Removing the quotes of a reference makes it a YAML map: the message said to all the same.
        BadInteger(written: "\"{i * 2}\"", fragment: "must be an integer, but \"{i * 2}\" is quoted, which makes it text; "
            + "a '{…}' reference or expression is computed only in the 'by' of increment and decrement, the 'to' of set, "
            + "the count of repeat and a worker's 'result'; write a plain integer here"),
        BadInteger(written: "017", fragment: "'017' has a leading zero, which YAML 1.1 reads as octal"),
        BadInteger(written: "-017", fragment: "'-017' has a leading zero, which YAML 1.1 reads as octal"),
        // grammar.md says "an optional '-' and digits"; '+5' was accepted all the same.
        BadInteger(written: "+5", fragment: "'+5' starts with '+', which is not part of a plain integer; write it without the '+'"),
        // A tag is not quoting: the message said '1' was quoted.
        BadInteger(written: "!!float 1", fragment: "must be an integer, but '1' is tagged '!!float'; write the number without a tag"),
        BadInteger(written: "!!str 3", fragment: "'3' is tagged '!!str'"),
        BadInteger(written: "!local 3", fragment: "'3' is tagged '!local'"),
        BadInteger(written: "1_000", fragment: "'1_000' has '_' separators"),
        BadInteger(written: "0x10", fragment: "'0x10' is hexadecimal, octal or binary; write it in decimal"),
        BadInteger(written: "0o17", fragment: "is hexadecimal, octal or binary"),
        BadInteger(written: "1:30", fragment: "'1:30' would be read by YAML 1.1 as a base-60 number"),
        BadInteger(written: "1.5", fragment: "'1.5' has a fraction or an exponent"),
        BadInteger(written: "1e3", fragment: "'1e3' has a fraction or an exponent"),
        BadInteger(written: "ten", fragment: "must be a plain decimal integer; found 'ten'"),
        BadInteger(written: "99999999999999999999", fragment: "'99999999999999999999' is out of range"),
        BadInteger(written: "-99999999999999999999", fragment: "is out of range"),
        // A digit with a combining mark is one Character that a "0"..."9" range contains; it
        // was taken for a digit, and the number called out of range.
        BadInteger(written: "1\u{301}", fragment: "must be a plain decimal integer; found '1\u{301}'"),
        BadInteger(written: "[1]", fragment: "must be an integer, not a list"),
        BadInteger(written: "", fragment: "must be an integer, not nothing"),
    ]

    @Test(arguments: badIntegers)
    func variableInitialValueMustBeAPlainDecimalInteger(_ bad: BadInteger) {
        // An empty value has no character of its own: libyaml puts it right after the colon.
        let marked = bad.written.isEmpty ? "  c:‸\n" : "  c: ‸\(bad.written)\n"
        let error = Checked("""
            scenario: t
            variables:
            \(marked)\
            workers:
              w:
                - increment: c
            """).expect(.error, bad.fragment)
        #expect(error?.message.hasPrefix("a variable's initial value ") == true)
    }

    @Test(arguments: ["0", "-0", "42", "-7", "9223372036854775807", "!!int 3"])
    func plainDecimalIntegersAreAccepted(_ written: String) throws {
        let checked = Checked("""
            scenario: t
            variables:
              c: \(written)
            workers:
              w:
                - increment: c
            """)
        checked.expectValid()
        let value = try #require(Int(written.replacingOccurrences(of: "!!int ", with: "")))
        #expect(checked.result.scenario?.symbols["c"]?.kind == .variable(initial: value))
    }

    /// An amount (`by`, `to`, `repeat`, an expected value) that is not what it must be.
    static let amountErrors: [ErrorCase] = [
        .init("by takes an integer or a variable", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - increment: c
                  by: ‸"3"
            """, "'by' takes an integer or a {variable}, not '3'"),
        .init("by rejects a YAML 1.1 octal", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - increment: c
                  by: ‸017
            """, "'by' must be a plain decimal integer; '017' has a leading zero"),
        .init("to rejects a float", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - set: c
                  to: ‸2.5
            """, "'to' must be a plain decimal integer; '2.5' has a fraction or an exponent"),
        .init("expected value must be an integer", """
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - increment: c
            expect:
              c: ‸"1"
            """, "an expected value must be an integer, but \"1\" is quoted"),
        .init("repeat count must be at least zero", """
            scenario: t
            workers:
              w:
                - repeat: ‸-1
                  do:
                    - log: hi
            """, "'repeat' must be at least 0, not -1"),
        .init("repeat: Forever suggests forever", """
            scenario: t
            workers:
              w:
                - repeat: ‸Forever
                  do:
                    - log: hi
            """, "'repeat' takes an integer, a {variable} or 'forever', not 'Forever'; did you mean 'forever'?"),
        .init("repeat: forevr suggests forever", """
            scenario: t
            workers:
              w:
                - repeat: ‸forevr
                  do:
                    - log: hi
            """, "not 'forevr'; did you mean 'forever'?"),
        .init("a variable named like forever is not taken for a misspelt forever", """
            scenario: t
            workers:
              w:
                - repeat: "{‸forevr}"
                  do:
                    - log: hi
            """, "'{forevr}' uses 'forevr', which is not declared"),
        .init("repeat takes an integer, a variable or forever", """
            scenario: t
            workers:
              w:
                - repeat: ‸"3"
                  do:
                    - log: hi
            """, "'repeat' takes an integer, a {variable} or 'forever', not '3'"),
    ]

    @Test(arguments: amountErrors)
    func anAmountWrittenWrongly(_ errorCase: ErrorCase) {
        errorCase.check()
    }

    @Test func literalAmountsReachTheAST() throws {
        let checked = Checked("""
            scenario: t
            variables:
              c: 0
            workers:
              w:
                - increment: c
                  by: 5
                - set: c
                  to: -2
                - repeat: 3
                  do:
                    - decrement: c
            """)
        checked.expectValid()
        let steps = try #require(checked.result.scenario?.ast.workers.first?.steps)
        guard case .increment(_, by: .literal(5)) = steps[0].action else {
            Issue.record("expected increment by 5, got \(steps[0].action)")
            return
        }
        guard case .set(_, to: .literal(-2)) = steps[1].action else {
            Issue.record("expected set to -2, got \(steps[1].action)")
            return
        }
        guard case .repeat(.times(.literal(3)), let body) = steps[2].action,
            case .decrement(_, by: .literal(1)) = body.first?.action
        else {
            Issue.record("expected repeat 3 of decrement by 1, got \(steps[2].action)")
            return
        }
    }
}

@Suite("Booleans")
struct BooleanTests {
    static func daemon(_ written: String) -> String {
        """
        scenario: t
        workers:
          helper:
            daemon: ‸\(written)
            steps:
              - log: hi
          main:
            - log: hi
        """
    }

    @Test(arguments: ["yes", "on", "no", "off", "Yes", "y"])
    func yaml11BooleansAreRejected(_ written: String) {
        Checked(Self.daemon(written))
            .expect(.error, "'daemon' must be true or false; '\(written)' meant a boolean only in YAML 1.1")
    }

    @Test(arguments: ["maybe", "1"])
    func otherValuesAreNotBooleans(_ written: String) {
        Checked(Self.daemon(written)).expect(.error, "'daemon' must be true or false, not")
    }

    /// A quoted boolean was called "not 'false'", as if false were not a boolean.
    @Test(arguments: ["\"false\"", "'true'", "\"yes\""])
    func quotedBooleansAreText(_ written: String) {
        let text = String(written.dropFirst().dropLast())
        Checked(Self.daemon(written)).expect(.error,
            "'daemon' must be true or false, but \"\(text)\" is quoted, which makes it text; write true or false without quotes")
    }

    @Test func taggedBooleansAreRefused() {
        Checked(Self.daemon("!!str true")).expect(.error, "'daemon' must be true or false, but 'true' is tagged '!!str'")
    }

    /// grammar.md says "true and false, nothing else"; True, TRUE, False and FALSE were accepted.
    @Test(arguments: ["True", "TRUE", "False", "FALSE"])
    func capitalisedBooleansAreRefused(_ written: String) {
        Checked(Self.daemon(written)).expect(.error,
            "'daemon' must be true or false, in lowercase; write '\(written.lowercased())', not '\(written)'")
    }

    @Test(arguments: [("true", true), ("false", false), ("!!bool true", true)])
    func trueAndFalseAreAccepted(_ written: String, _ value: Bool) throws {
        let checked = Checked(Self.daemon(written))
        checked.expectValid()
        #expect(checked.result.scenario?.ast.workers.first?.isDaemon == value)
    }
}

@Suite("Durations")
struct DurationTests {
    static func sleep(_ written: String) -> String {
        """
        scenario: t
        workers:
          w:
            - sleep: ‸\(written)
        """
    }

    @Test(arguments: [
        ("2", 2_000_000_000),
        ("0.5", 500_000_000),
        ("250ms", 250_000_000),
        ("1.5s", 1_500_000_000),
        ("100us", 100_000),
        ("100µs", 100_000),
        ("20ns", 20),
        ("2m", 120_000_000_000),
        ("1m30s", 90_000_000_000),
        ("1h", 3_600_000_000_000),
        ("24h", 86_400_000_000_000),
        ("0", 0),
        ("0s", 0),
        ("0.05s", 50_000_000),
        (".5", 500_000_000),
        ("\"1s\"", 1_000_000_000),
    ] as [(String, Int64)])
    func validDurations(_ written: String, _ nanoseconds: Int64) throws {
        let checked = Checked(Self.sleep(written))
        checked.expectValid()
        let step = try #require(checked.result.scenario?.ast.workers.first?.steps.first)
        guard case .sleep(let duration) = step.action else {
            Issue.record("expected a sleep step, got \(step.action)")
            return
        }
        #expect(duration.nanoseconds == nanoseconds)
    }

    @Test(arguments: [
        ("-1", "'-1' has a sign, and a duration is written without one (it is never negative)"),
        ("-250ms", "'-250ms' has a sign"),
        // '-0' is not negative: it was called so.
        ("-0", "'-0' has a sign, and a duration is written without one"),
        ("+1", "'+1' has a sign"),
        // A leading zero was accepted in a duration and refused in an integer: one rule for both,
        // with the integers' message.
        ("010", "'010' has a leading zero, which YAML 1.1 reads as octal; write it without the zero"),
        ("01s", "'01s' has a leading zero, which YAML 1.1 reads as octal; write it without the zero"),
        ("1m05s", "'1m05s' has a leading zero"),
        ("00.5", "'00.5' has a leading zero"),
        ("5 minutes", "'5 minutes' is not a duration; write seconds as a number (2, 0.5) or use units"),
        ("1s30m", "'1s30m' is not a duration"),
        ("1s1s", "is not a duration"),
        ("ms", "is not a duration"),
        ("1e3", "is not a duration"),
        ("25h", "'25h' is longer than the 24 hours a duration may last"),
        ("86401", "is longer than the 24 hours"),
        ("24h1s", "is longer than the 24 hours"),
    ])
    func invalidDurations(_ written: String, _ fragment: String) {
        let error = Checked(Self.sleep(written)).expect(.error, fragment)
        #expect(error?.message.hasPrefix("'sleep': ") == true)
    }

    /// A duration that is not one.
    static let durationErrors: [ErrorCase] = [
        .init("work takes a duration too", """
            scenario: t
            workers:
              w:
                - work: ‸soon
            """, "'work': 'soon' is not a duration"),
        .init("duration must not be empty", """
            scenario: t
            workers:
              w:
                - sleep: ‸[1]
            """, "'sleep' must be a duration such as 2, 0.5, '250ms' or '1m30s', not a list"),
    ]

    @Test(arguments: durationErrors)
    func aDurationWrittenWrongly(_ errorCase: ErrorCase) {
        errorCase.check()
    }
}
