import ScenarioDiagnostics
import ScenarioValidation
import Testing

/// `SourceLocation` is also a Swift Testing type; in these tests a position in a file is a `Position`.
typealias Position = ScenarioDiagnostics.SourceLocation

/// The marker written in a test's YAML immediately before the character a diagnostic must point at.
let positionMarker: Unicode.Scalar = "\u{2038}"  // ‸

/// YAML text with `‸` markers removed, and the positions they marked (1-based line and column,
/// columns counted in Unicode scalars, as the front end counts them).
struct MarkedText {
    var text: String
    var markers: [Position]

    init(_ marked: String) {
        var scalars = String.UnicodeScalarView()
        var markers: [Position] = []
        var line = 1
        var column = 1
        for scalar in marked.unicodeScalars {
            if scalar == positionMarker {
                markers.append(Position(line: line, column: column))
                continue
            }
            scalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = String(scalars)
        self.markers = markers
    }
}

/// The front end's verdict on a marked file, with assertions phrased in terms of the markers.
struct Checked {
    let result: FrontEnd.Result
    let markers: [Position]

    init(_ marked: String, options: ValidationOptions = ValidationOptions()) {
        let text = MarkedText(marked)
        self.markers = text.markers
        self.result = FrontEnd.check(Array(text.text.utf8), path: "test.yaml", options: options)
    }

    var diagnostics: [Diagnostic] { result.diagnostics.all }
    var errors: [Diagnostic] { result.diagnostics.errors }
    var warnings: [Diagnostic] { result.diagnostics.warnings }

    /// Every diagnostic as the CLI prints it, for failure messages.
    var listing: String {
        let rendered = DiagnosticRenderer(source: result.source).render(result.diagnostics)
        return rendered.isEmpty ? "(no diagnostics)" : rendered
    }

    /// Asserts a diagnostic of `severity` at marker `marker` whose message contains `fragment`.
    /// With `alone` (the default), also asserts that no other error was reported, to catch cascades.
    @discardableResult
    func expect(
        _ severity: Severity, _ fragment: String, at marker: Int = 0, alone: Bool = true,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Diagnostic? {
        guard markers.indices.contains(marker) else {
            Issue.record("the test text has no marker #\(marker)", sourceLocation: sourceLocation)
            return nil
        }
        let position = markers[marker]
        let found = diagnostics.first {
            $0.severity == severity && $0.location == position && $0.message.contains(fragment)
        }
        guard let found else {
            Issue.record(
                "expected \(severity.rawValue) at \(position) containing \"\(fragment)\"; got:\n\(listing)",
                sourceLocation: sourceLocation)
            return nil
        }
        if alone {
            let others = errors.filter { $0 != found }
            if !others.isEmpty {
                let list = others.map(\.description).joined(separator: "\n")
                Issue.record("expected no other errors, got \(others.count):\n\(list)", sourceLocation: sourceLocation)
            }
        }
        return found
    }

    /// Asserts that `diagnostic` has a note at marker `marker` whose message contains `fragment`.
    func expectNote(
        on diagnostic: Diagnostic?, _ fragment: String, at marker: Int,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let diagnostic else { return }  // its absence was already recorded
        guard markers.indices.contains(marker) else {
            Issue.record("the test text has no marker #\(marker)", sourceLocation: sourceLocation)
            return
        }
        let position = markers[marker]
        if !diagnostic.notes.contains(where: { $0.location == position && $0.message.contains(fragment) }) {
            let notes = diagnostic.notes.map { "\($0.location.map(\.description) ?? "-"): \($0.message)" }
                .joined(separator: "; ")
            Issue.record(
                "expected a note at \(position) containing \"\(fragment)\" on '\(diagnostic.message)'; notes: \(notes)",
                sourceLocation: sourceLocation)
        }
    }

    /// Asserts that the file has no errors (and, with `noWarnings`, no warnings either) and was validated.
    func expectValid(noWarnings: Bool = true, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let unwanted = noWarnings ? diagnostics : errors
        #expect(unwanted.isEmpty, "expected no \(noWarnings ? "diagnostics" : "errors"), got:\n\(listing)",
            sourceLocation: sourceLocation)
        #expect(result.scenario != nil, "no validated scenario", sourceLocation: sourceLocation)
    }

    /// Asserts that no warning was reported (errors are checked separately).
    func expectNoWarnings(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(warnings.isEmpty, "expected no warnings, got:\n\(listing)", sourceLocation: sourceLocation)
    }
}

/// One case of a table-driven test: marked YAML text and the error it must give, found at its
/// marker (the only error), or, with `note`, at marker #1 with a note at marker #0.
/// A failure names the case and points at the row of the table where it is written.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var message: String
    var note: String?
    var sourceLocation: Testing.SourceLocation

    init(
        _ name: String, _ yaml: String, _ message: String, note: String? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        self.name = name
        self.yaml = yaml
        self.message = message
        self.note = note
        self.sourceLocation = sourceLocation
    }

    var testDescription: String { name }

    /// Checks the YAML and asserts the expected error (and note).
    func check() {
        let checked = Checked(yaml)
        guard let note else {
            checked.expect(.error, message, sourceLocation: sourceLocation)
            return
        }
        let error = checked.expect(.error, message, at: 1, sourceLocation: sourceLocation)
        checked.expectNote(on: error, note, at: 0, sourceLocation: sourceLocation)
    }
}
