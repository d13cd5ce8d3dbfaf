import Foundation
import ScenarioDiagnostics
import ScenarioValidation
import Testing

/// Files that are hostile or unusual must get diagnostics, never a crash or a misleading report.
@Suite("Robustness")
struct RobustnessTests {
    /// Counts near `Int.max` must not overflow when the validator adds up instances (WorkerRules)
    /// or the instances that wait on a barrier (BarrierRules). Run in a child process, because an
    /// overflow traps and would take the whole test run down with it.
    @Test func hugeCountsDoNotOverflowTheInstanceTotal() async {
        await #expect(processExitsWith: .success) {
            let text = """
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
                """
            let result = FrontEnd.check(Array(text.utf8), path: "huge.yaml")
            let reported = result.diagnostics.errors.contains { $0.message.contains("over the limit of 10000") }
            exit(reported ? 0 : 1)
        }
    }

    /// YAML (and libyaml) ends a line at LF, CRLF or a lone CR; the line a diagnostic names must be
    /// the line the renderer quotes. (In Swift, "\r\n" is a single Character, not a "\n".)
    @Test(arguments: ["LF", "CRLF", "CR"])
    func everyLineEndingQuotesTheRightLine(_ name: String) throws {
        let newline = ["LF": "\n", "CRLF": "\r\n", "CR": "\r"][name] ?? "\n"
        let text = ["scenario: t", "workers:", "  w:", "    - aquire: l", ""].joined(separator: newline)
        let result = FrontEnd.check(Array(text.utf8), path: "\(name).yaml")
        let error = try #require(result.diagnostics.errors.first)
        #expect(error.message.contains("unknown step 'aquire'"))
        #expect(error.location == Position(line: 4, column: 7))
        #expect(result.source.line(4) == "    - aquire: l")
        #expect(result.source.lines.count == 5)
    }

    /// An error inside a node that several aliases copy is one mistake in one place: it should
    /// be reported once, not once per alias (scenario 04 uses exactly this pattern for workers).
    @Test func errorInsideAnAliasedTemplateIsReportedOnce() {
        let checked = Checked("""
            scenario: t
            x-steps: &steps
              - ‸aquire: l
            locks:
              l: lock
            workers:
              a: *steps
              b: *steps
              c: *steps
            """)
        checked.expect(.error, "unknown step 'aquire'", alone: false)
        #expect(checked.errors.count == 1, "\(checked.listing)")
    }

    @Test func aliasedTemplateWithWorkerSpecificFindingsStillNamesEachWorker() {
        // Different messages at the same place are different findings and must all be kept.
        let checked = Checked("""
            scenario: t
            x-steps: &steps
              - acquire: ‸l
            locks:
              l: lock
            workers:
              a: *steps
              b: *steps
            """)
        checked.expect(.warning, "worker 'a' acquires lock 'l' but never releases it")
        checked.expect(.warning, "worker 'b' acquires lock 'l' but never releases it")
    }
}
