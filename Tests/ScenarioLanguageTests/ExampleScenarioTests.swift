import Foundation
import ScenarioDiagnostics
import ScenarioValidation
import Testing

/// The scenarios shipped in `scenarios/` must always check cleanly.
@Suite("Example scenarios")
struct ExampleScenarioTests {
    /// `<package>/scenarios`, found from this file's path (`<package>/Tests/ScenarioLanguageTests/…`).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func scenariosDirectoryIsFound() {
        #expect(!Self.files.isEmpty, "no *.yaml files in \(Self.directory.path)")
    }

    @Test(arguments: files)
    func exampleChecksWithoutErrors(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let bytes = try [UInt8](Data(contentsOf: url))
        let result = FrontEnd.check(bytes, path: "scenarios/\(name)")
        let rendered = DiagnosticRenderer(source: result.source).render(result.diagnostics)
        #expect(!result.diagnostics.hasErrors, "\(rendered)")
        #expect(result.scenario != nil)
        #expect(result.scenario?.title.isEmpty == false)
    }
}
