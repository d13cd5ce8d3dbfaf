/// Prints diagnostics the way compilers do:
///
///     file.yaml:4:13: error: unknown step 'aquire'; did you mean 'acquire'?
///       - aquire: lock
///         ^
public struct DiagnosticRenderer: Sendable {
    public let source: SourceText
    public let useColor: Bool

    /// How many characters of a source line are shown.
    static let width = 120

    public init(source: SourceText, useColor: Bool = false) {
        self.source = source
        self.useColor = useColor
    }

    public func render(_ diagnostics: Diagnostics) -> String {
        var lines = LineCache()
        return diagnostics.sorted.map { render($0, lines: &lines) }.joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = LineCache()
        return render(diagnostic, lines: &lines)
    }

    private func render(_ diagnostic: Diagnostic, lines: inout LineCache) -> String {
        var out = heading(diagnostic.severity, diagnostic.message, at: diagnostic.location)
        out += excerpt(at: diagnostic.location, lines: &lines)
        for note in diagnostic.notes {
            out += heading(.note, note.message, at: note.location)
            out += excerpt(at: note.location, lines: &lines)
        }
        return out
    }

    /// The scalars of each line quoted so far: a file written on one long line can have thousands
    /// of diagnostics on it, and splitting the line again for each would take quadratic time.
    private struct LineCache {
        var scalars: [Int: [Unicode.Scalar]] = [:]

        mutating func line(_ number: Int, of source: SourceText) -> [Unicode.Scalar]? {
            if let cached = scalars[number] { return cached }
            guard let line = source.line(number) else { return nil }
            let split = Array(line.unicodeScalars)
            scalars[number] = split
            return split
        }
    }

    /// The heading line. The message quotes names and values from the file, and the path comes
    /// from the command line: their control characters are escaped.
    private func heading(_ severity: Severity, _ message: String, at location: SourceLocation?) -> String {
        let path = VisibleText.escaped(source.path)
        let place = location.map { "\(path):\($0.line):\($0.column): " } ?? "\(path): "
        return "\(bold(place))\(colored(severity)) \(VisibleText.escaped(message))\n"
    }

    /// The source line and a caret under the column. Tabs are kept so the caret lines up; other
    /// control characters are escaped, and the caret moves past their escapes.
    private func excerpt(at location: SourceLocation?, lines: inout LineCache) -> String {
        guard let location, let scalars = lines.line(location.line, of: source) else { return "" }
        // Long lines are shown as a window around the column, so the caret stays on screen.
        let start = location.column > Self.width ? location.column - Self.width / 2 : 0
        let window = scalars.dropFirst(start).prefix(Self.width)
        // One pass, appending scalars: a file can have tens of thousands of diagnostics to quote.
        let caretOffset = location.column - 1 - start
        var shown = start > 0 ? "…" : ""
        var padding = start > 0 ? " " : ""
        for (offset, scalar) in window.enumerated() {
            let isEscaped = scalar != "\t" && VisibleText.isControl(scalar)
            let escape = isEscaped ? VisibleText.shown(scalar) : ""
            if isEscaped { shown += escape } else { shown.unicodeScalars.append(scalar) }
            guard offset < caretOffset else { continue }
            if scalar == "\t" {
                padding += "\t"
            } else {
                padding += isEscaped ? String(repeating: " ", count: escape.unicodeScalars.count) : " "
            }
        }
        return "  \(shown)\n  \(padding)\(green("^"))\n"
    }

    private func colored(_ severity: Severity) -> String {
        let label = "\(severity.rawValue):"
        guard useColor else { return label }
        let code = switch severity {
        case .error: "31"
        case .warning: "35"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(label)\u{1B}[0m"
    }

    private func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func green(_ text: String) -> String { useColor ? "\u{1B}[1;32m\(text)\u{1B}[0m" : text }
}
