import ScenarioDiagnostics
import ScenarioValidation
import Testing

/// Regressions found by fuzzing `scenario check`: files that made a check take hours (each
/// finishes in well under a second now; the time limit turns a regression into a failure rather
/// than a hang), and messages that were absurd.
@Suite("Robustness: hostile files")
struct HostileScenarioTests {
    static func check(_ text: String) -> FrontEnd.Result {
        FrontEnd.check(Array(text.utf8), path: "t.yaml")
    }

    /// The lock warnings walked the body of each `repeat` twice, and so each nested repeat four
    /// times, and so on: 30 nested repeats took 2^30 walks (minutes), 60 would take centuries.
    @Test(.timeLimit(.minutes(1)))
    func deeplyNestedRepeatsAreWalkedQuickly() {
        var lines = ["scenario: t", "locks:", "  l: lock", "workers:", "  w:"]
        var indent = "    "
        for _ in 0..<30 {
            lines += [indent + "- repeat: 2", indent + "  do:"]
            indent += "    "
        }
        lines += [indent + "- with: l", indent + "  do: []"]
        let result = Self.check(lines.joined(separator: "\n") + "\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.all)")
        #expect(result.scenario != nil)
    }

    /// A lock taken in a nested repeat and never released is still found held in the next round.
    @Test func lockLeakedInANestedRepeatStillWarns() {
        let checked = Checked("""
            scenario: t
            locks:
              l: lock
            workers:
              w:
                - repeat: 2
                  do:
                    - log: a
                    - repeat: 3
                      do:
                        - repeat: 2
                          do:
                            - acquire: ‸l
            """)
        checked.expect(.warning, "acquires plain lock 'l' while it already holds it")
        checked.expect(.warning, "never releases it")
        #expect(checked.warnings.count == 2, "\(checked.listing)")
    }

    /// A barrier's waiting instances were added with wrap-around: two workers of Int.max
    /// instances made "only -2 instances ever wait on it".
    @Test func hugeCountsOfWaitersDoNotWrapAround() {
        let result = Self.check("""
            scenario: t
            barriers:
              gate: 2
            workers:
              a:
                count: 9223372036854775807
                steps:
                  - wait: gate
              b:
                count: 9223372036854775807
                steps:
                  - wait: gate
            """)
        #expect(result.diagnostics.warnings.isEmpty, "\(result.diagnostics.all)")
        #expect(result.diagnostics.errors.contains { $0.message.contains("over the limit of 10000") })
    }

    /// The barrier warning walked every worker's steps once per barrier.
    @Test(.timeLimit(.minutes(1)))
    func manyBarriersAndManyWaitsAreQuick() {
        let count = 10_000
        let text = "scenario: t\nbarriers:\n" + (0..<count).map { "  b\($0): 2\n" }.joined()
            + "workers:\n  w:\n" + (0..<count).map { "    - wait: b\($0)\n" }.joined()
        let result = Self.check(text)
        #expect(result.diagnostics.errors.isEmpty)
        #expect(result.diagnostics.warnings.count == count)
        #expect(result.diagnostics.warnings.first?.message.contains("only 1 instance ever waits") == true)
    }

    /// Each undeclared name listed every declared name of the right kind and weighed each as a
    /// suggestion: 20,000 of each took minutes, and printed 20,000 names per message.
    @Test(.timeLimit(.minutes(1)))
    func manyUndeclaredNamesAmongManyDeclaredOnesAreQuick() {
        let count = 20_000
        let text = "scenario: t\nvariables:\n" + (0..<count).map { "  v\($0): 0\n" }.joined()
            + "workers:\n  w:\n" + (0..<count).map { "    - increment: undeclared_\($0)\n" }.joined()
        let result = Self.check(text)
        #expect(result.diagnostics.errors.count == count)
        let message = result.diagnostics.errors.first?.message ?? ""
        #expect(message.hasPrefix("'increment' uses 'undeclared_0', which is not declared (declared: 'v0', 'v1'"))
        #expect(message.hasSuffix("'v9' and 19990 more)"), "\(message)")
    }

    /// Removing repeated diagnostics compared each one with every one kept before it (minutes for these).
    @Test(.timeLimit(.minutes(1)))
    func manyDiagnosticsAreQuick() {
        let count = 100_000
        let text = "scenario: t\nworkers:\n  w:\n" + (0..<count).map { "    - x\($0): 1\n" }.joined()
        let result = Self.check(text)
        #expect(result.diagnostics.errors.count == count)
    }

    /// Rendering split the whole line again for each diagnostic: 40,000 mistakes on a file
    /// written as one line of flow style took minutes to print.
    @Test(.timeLimit(.minutes(1)))
    func manyDiagnosticsOnOneLongLineRenderQuickly() {
        let count = 40_000
        let steps = Array(repeating: "{x: 1}", count: count).joined(separator: ", ")
        let result = Self.check("{scenario: t, workers: {w: [\(steps)]}}\n")
        #expect(result.diagnostics.errors.count == count)
        let rendered = DiagnosticRenderer(source: result.source).render(result.diagnostics)
        // The last diagnostic's excerpt is a window of the line ending with the file, and its
        // caret is under the last step's verb.
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let excerpt = Array(lines.dropLast().last ?? "")
        let caret = Array(lines.last ?? "")
        #expect(String(excerpt).hasSuffix("{x: 1}]}}"))
        let column = caret.firstIndex(of: "^") ?? 0
        #expect(excerpt.indices.contains(column) && excerpt[column] == "x", "\(lines.suffix(3).joined(separator: "\n"))")
    }

    /// A name is quoted in every message about it, and such messages can be one per step: a
    /// worker with a name of millions of characters made gigabytes of diagnostics.
    @Test func namesHaveAtMostAHundredCharacters() {
        let longest = String(repeating: "n", count: 100)
        Checked("scenario: t\nvariables:\n  \(longest): 0\nworkers:\n  w:\n    - increment: \(longest)\n")
            .expectValid()

        let tooLong = String(repeating: "n", count: 101)
        let checked = Checked("scenario: t\nworkers:\n  ‸\(tooLong):\n    - log: hi\n")
        let error = checked.expect(.error, "is too long for a name (101 characters); a name has at most 100")
        #expect((error?.message.count ?? 0) < 200)
    }

    /// Messages quote keys and values from the file; a huge one is cut short.
    @Test func hugeUnknownStepIsQuotedShortly() {
        let key = String(repeating: "k", count: 10_000)
        let checked = Checked("scenario: t\nworkers:\n  w:\n    - ? ‸\(key)\n      : 1\n")
        let error = checked.expect(.error, "unknown step 'kkkk")
        #expect((error?.message.count ?? 0) < 400)
        #expect(error?.message.contains("k…'") == true)
    }

    /// Aliases of a long text multiplied the work of checking it (and of quoting it).
    @Test(.timeLimit(.minutes(1)))
    func aliasesRepeatingALongTextAreStopped() {
        let text = "scenario: t\nx-t: &t '\(String(repeating: "a", count: 1 << 20))'\nworkers:\n"
            + (0..<70).map { "  w\($0): [{log: *t}]\n" }.joined()
        let result = Self.check(text)
        #expect(result.diagnostics.errors.count == 1)
        #expect(result.diagnostics.errors.first?.message.contains("bytes of text") == true)
        #expect(result.diagnostics.errors.first?.location?.line == 66)
    }

    /// Diagnostics quoted a hostile file's control characters raw: its source line (libyaml
    /// refuses control characters, and the error quotes the line that has them) and the names
    /// that messages quote (a double-quoted name can hold "\e"). Printed to a terminal, they
    /// could set its title, move its cursor or hide text. They are escaped as the timeline
    /// escapes them, with the caret under the escape.
    @Test func controlCharactersInTheSourceLineAreEscaped() throws {
        let text = "scenario: t\nworkers:\n  w:\n    - log: \"\u{1B}]0;owned\u{07}\u{0}\"\n"
        let result = Self.check(text)
        let rendered = DiagnosticRenderer(source: result.source).render(result.diagnostics)
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(rendered.debugDescription)")
        let lines = rendered.split(separator: "\n").map(String.init)
        let excerpt = try #require(lines.first { $0.contains("- log:") })
        #expect(excerpt == "      - log: \"\\u{1B}]0;owned\\u{7}\\u{0}\"")
        // libyaml points at the first control character: the caret is under the start of its escape.
        let caret = try #require(lines.last)
        #expect(caret.firstIndex(of: "^").map { excerpt[$0...].hasPrefix("\\u{1B}") } == true, "\(rendered)")
    }

    @Test func controlCharactersInQuotedNamesAreEscaped() throws {
        let text = "scenario: t\nvariables:\n  \"\\e[2J\\0\": 0\nworkers:\n  w:\n    - log: x\n"
        let result = Self.check(text)
        let message = try #require(result.diagnostics.errors.first?.message)
        #expect(message.contains("\u{1B}[2J"), "the diagnostic keeps the name as it is")
        let rendered = DiagnosticRenderer(source: result.source).render(result.diagnostics)
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(rendered.debugDescription)")
        #expect(rendered.contains("'\\u{1B}[2J\\u{0}' is not a valid name"), "\(rendered)")
    }

    /// A tab in the source line is kept, so that the caret lines up under it in any terminal.
    @Test func tabsInTheSourceLineAreKept() throws {
        let result = Self.check("scenario: t\nworkers:\n  w: [\t{aquire: l}]\n")
        let rendered = DiagnosticRenderer(source: result.source).render(result.diagnostics)
        #expect(rendered.contains("  w: [\t{aquire: l}]\n        \t ^"), "\(rendered.debugDescription)")
    }
}
