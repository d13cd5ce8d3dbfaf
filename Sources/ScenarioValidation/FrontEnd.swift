import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioYAML

/// The whole front end in one call: bytes → YAML tree → AST → validated scenario, with every
/// stage's findings collected so that they are printed together.
public enum FrontEnd {
    public struct Result: Sendable {
        /// The file's text, for quoting lines in diagnostics.
        public var source: SourceText
        /// Present only when no stage found an error.
        public var scenario: ValidatedScenario?
        public var diagnostics: Diagnostics
    }

    public static func check(
        _ bytes: [UInt8], path: String, options: ValidationOptions = ValidationOptions(),
        limits: YAMLLimits = YAMLLimits()
    ) -> Result {
        let source = SourceText(path: path, text: String(decoding: bytes, as: UTF8.self))
        let loaded = YAMLLoader(limits: limits).load(bytes)
        var diagnostics = loaded.diagnostics
        guard let root = loaded.root else {
            return Result(source: source, scenario: nil, diagnostics: diagnostics)
        }
        let (ast, syntaxDiagnostics) = ScenarioAST.parse(root)
        diagnostics.append(contentsOf: syntaxDiagnostics)
        let (validated, validationDiagnostics) = Validator.validate(ast, options: options)
        diagnostics.append(contentsOf: validationDiagnostics)
        let scenario = diagnostics.hasErrors ? nil : validated
        return Result(source: source, scenario: scenario, diagnostics: diagnostics.removingDuplicates())
    }
}
