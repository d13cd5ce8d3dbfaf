import ScenarioDiagnostics
import ScenarioYAML
import Testing

/// `SourceLocation` is also a Swift Testing type; in these tests a position in a file is a `Position`.
typealias Position = ScenarioDiagnostics.SourceLocation

func at(_ line: Int, _ column: Int) -> Position {
    Position(line: line, column: column)
}

func load(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLLoader.Result {
    YAMLLoader(limits: limits).load(Array(text.utf8))
}

func load(bytes: [UInt8]) -> YAMLLoader.Result {
    YAMLLoader().load(bytes)
}

extension YAMLNode {
    /// The value of `key` in a mapping node.
    subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.keyText == key }?.value
    }

    /// The key node of `key` in a mapping node.
    func keyNode(_ key: String) -> YAMLNode? {
        mapping?.first { $0.keyText == key }?.key
    }

    subscript(index: Int) -> YAMLNode? {
        guard let items = sequence, items.indices.contains(index) else { return nil }
        return items[index]
    }

    var text: String? { scalar?.text }

    /// The keys of a mapping, in order.
    var keys: [String] { mapping?.map { $0.keyText ?? "?" } ?? [] }
}

extension YAMLLoader.Result {
    /// Every diagnostic as `LINE:COL: severity: message`, for failure messages.
    var listing: String {
        diagnostics.all.map(\.description).joined(separator: "\n")
    }

    /// The root, recording an issue (with the diagnostics) when there is none or there are errors.
    func cleanRoot(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> YAMLNode {
        #expect(!diagnostics.hasErrors, "unexpected errors:\n\(listing)", sourceLocation: sourceLocation)
        return try #require(root, "no root node:\n\(listing)", sourceLocation: sourceLocation)
    }

    /// The only error, recording an issue when there is not exactly one.
    func onlyError(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let errors = diagnostics.errors
        #expect(errors.count == 1, "expected exactly one error, got:\n\(listing)", sourceLocation: sourceLocation)
        return try #require(errors.first, "expected an error, got none", sourceLocation: sourceLocation)
    }
}
