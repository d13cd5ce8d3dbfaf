import Foundation
import ScenarioDiagnostics
import ScenarioYAML
import Testing

/// The inputs of the official YAML test suite (`shared/corpora/yaml-test-suite/`, beside the
/// clone of this package), as a robustness corpus for the loader and the diagnostic renderer:
/// every file must load without a crash, every position must lie inside the file, and every
/// diagnostic must render. Files named `*.error.yaml` are invalid YAML and must get an error.
@Suite("Loader: YAML test suite corpus")
struct CorpusTests {
    /// The package root is three levels above this file (Tests/ScenarioYAMLTests/CorpusTests.swift).
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpora/yaml-test-suite").standardizedFileURL

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Invalid YAML that libyaml (a YAML 1.1 parser, lenient in places) reads without complaint,
    /// and in which the loader finds nothing else to report either.
    /// (For example 9C9N, a flow sequence whose lines are not indented, or QB6E, the same with a
    /// quoted scalar.) Recorded as known issues, so that a libyaml that starts rejecting one is noticed.
    static let acceptedByLibYAML: Set<String> = [
        "9C9N.error.yaml", "9JBA.error.yaml", "CVW2.error.yaml", "DK95-01.error.yaml", "G5U8.error.yaml",
        "MUS6-00.error.yaml", "QB6E.error.yaml", "S98Z.error.yaml", "SU5Z.error.yaml", "X4QW.error.yaml",
        "Y79Y-003.error.yaml", "YJV2.error.yaml",
    ]

    /// Required in CI, which always has `shared/` beside the clone; a clone elsewhere may not have it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] != nil || !files.isEmpty))
    func corpusIsPresent() {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: Self.folder.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            let message = "the YAML test suite corpus was not found at \(Self.folder.path) (the folder "
                + "shared/ is expected beside the clone of this package, as in CI)"
            Issue.record(Comment(rawValue: message))
            return
        }
        #expect(Self.files.count > 300, "only \(Self.files.count) files in \(Self.folder.path)")
    }

    @Test(arguments: files)
    func fileLoadsWithDiagnosticsInsideTheFile(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let result = YAMLLoader().load(bytes)
        let source = SourceText(path: name, text: String(decoding: bytes, as: UTF8.self))

        if name.hasSuffix(".error.yaml") {
            if Self.acceptedByLibYAML.contains(name) {
                withKnownIssue("libyaml accepts this invalid YAML") {
                    #expect(result.diagnostics.hasErrors, "invalid YAML loaded without an error")
                }
            } else {
                #expect(result.diagnostics.hasErrors, "invalid YAML loaded without an error")
            }
        }
        if !result.diagnostics.hasErrors {
            #expect(result.root != nil, "no root and no error")
        }

        // Every position, of diagnostics, notes and nodes, lies inside the file.
        func expectInside(_ location: Position?, _ what: @autoclosure () -> String) {
            guard let location else { return }
            guard let line = source.line(location.line) else {
                Issue.record("\(what()) at \(location) is past the last line (\(source.lines.count))")
                return
            }
            #expect(
                location.column >= 1 && location.column <= line.unicodeScalars.count + 1,
                "\(what()) at \(location) is outside its line of \(line.unicodeScalars.count) characters")
        }
        for diagnostic in result.diagnostics.all {
            expectInside(diagnostic.location, "'\(diagnostic.message)'")
            for note in diagnostic.notes {
                expectInside(note.location, "note '\(note.message)'")
            }
        }
        var nodes = result.root.map { [$0] } ?? []
        while let node = nodes.popLast() {
            expectInside(node.location, "a node")
            if let end = node.scalar?.end { expectInside(end, "the end of a scalar") }
            switch node.content {
            case .scalar: break
            case .sequence(let items): nodes += items
            case .mapping(let pairs): nodes += pairs.flatMap { [$0.key, $0.value] }
            }
        }

        // Every diagnostic renders, with its position and, when it has one, its line and a caret.
        let rendered = DiagnosticRenderer(source: source).render(result.diagnostics)
        for diagnostic in result.diagnostics.all {
            let place = diagnostic.location.map { "\(name):\($0): " } ?? "\(name): "
            #expect(rendered.contains("\(place)\(diagnostic.severity.rawValue): \(diagnostic.message)\n"))
        }
        let located = result.diagnostics.all.flatMap { [$0.location] + $0.notes.map(\.location) }.compactMap { $0 }
        let carets = rendered.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "^" }
        #expect(carets.count == located.count, "expected a caret under each of \(located.count) positions:\n\(rendered)")
    }
}
