import Foundation
import ScenarioDiagnostics
import ScenarioValidation

/// Reads and checks one file, printing its diagnostics; shared by `check` and `run`.
struct ScenarioFile {
    /// Files larger than this are refused before parsing: no scenario comes near it.
    static let maximumBytes = 8 << 20

    let result: FrontEnd.Result
    /// The file's text, as the front end read it (a process pool's children compile it again).
    let text: String

    /// Nil when the file cannot be read (the reason has been printed).
    /// - Parameter showWarnings: false prints only errors (`check --quiet`).
    init?(path: String, options: ValidationOptions, console: Console, color: ColorChoice, showWarnings: Bool = true) {
        let bytes: [UInt8]
        do throws(InputFile.Failure) {
            bytes = try InputFile.read(path, limit: Self.maximumBytes)
        } catch {
            switch error {
            case .noSuchFile: console.err("\(path): error: no such file\n")
            case .isDirectory: console.err("\(path): error: is a directory; give a scenario file such as \(path)/example.yaml\n")
            case .tooLarge(let limit): console.err("\(path): error: the file is over the \(GroupedNumber.text(limit)) bytes (8 MiB) a scenario may have\n")
            case .system(let reason): console.err("\(path): error: cannot read the file (\(reason))\n")
            }
            return nil
        }
        result = FrontEnd.check(bytes, path: path, options: options)
        text = String(decoding: bytes, as: UTF8.self)
        let renderer = DiagnosticRenderer(source: result.source, useColor: color.enabled(terminal: console.errIsTerminal))
        let shown = showWarnings ? result.diagnostics : Diagnostics(result.diagnostics.errors)
        let text = renderer.render(shown)
        if !text.isEmpty { console.err(text) }
    }

    /// "2 errors, 1 warning".
    var summary: String {
        let errors = result.diagnostics.errors.count
        let warnings = result.diagnostics.warnings.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch (errors, warnings) {
        case (0, 0): return "ok"
        case (0, _): return "ok, " + plural(warnings, "warning")
        case (_, 0): return plural(errors, "error")
        default: return plural(errors, "error") + ", " + plural(warnings, "warning")
        }
    }
}
