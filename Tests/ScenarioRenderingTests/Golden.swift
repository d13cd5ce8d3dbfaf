import Foundation
import Testing

/// Compares `actual` with `Golden/NAME`, or rewrites that file when `SCENARIO_RECORD_GOLDEN=1`.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        .appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SCENARIO_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); run with SCENARIO_RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "differs from golden file \(name)", sourceLocation: sourceLocation)
}

/// ANSI escapes made visible, so coloured goldens stay readable.
func visibleEscapes(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}", with: "␛")
}

/// `text` without ANSI escape sequences.
func withoutEscapes(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
}
