import CYAML
import ScenarioDiagnostics

/// Turns libyaml's error state into a diagnostic that a newcomer can act on.
struct LibYAMLError {
    let diagnostic: Diagnostic

    init(parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, end: SourceLocation) {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors (bad encoding) carry a byte offset rather than a mark.
            var offset = Int(parser.problem_offset)
            if problem.contains("trailing"), offset > 0 {
                // libyaml points past the byte that began the broken sequence; point at that byte.
                offset -= 1
                while offset > 0, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            }
            let location = Self.location(ofByte: offset, in: bytes)
            let message: String
            if problem.contains("UTF-8") || problem.contains("utf-8") {
                message = "the file is not valid UTF-8 (\(problem) at byte \(offset)); save it as UTF-8"
            } else {
                message = "the file cannot be read as text: \(problem) at byte \(parser.problem_offset)"
            }
            diagnostic = .error(message, at: location)
        case YAML_MEMORY_ERROR:
            diagnostic = .error("libyaml ran out of memory", at: nil)
        default:
            let location = SourceLocation(parser.problem_mark, end: end)
            if let tab = Self.indentationTab(near: location, in: bytes) {
                diagnostic = .error(
                    "a tab is used for indentation; YAML indents with spaces only", at: tab)
                return
            }
            var notes: [DiagnosticNote] = []
            if let context = parser.context.map({ String(cString: $0) }) {
                notes.append(DiagnosticNote(context, at: SourceLocation(parser.context_mark, end: end)))
            }
            diagnostic = .error("invalid YAML: \(problem)", at: location, notes: notes)
        }
    }

    /// A tab in the leading whitespace of the line of the problem. (Only that line: a tab on the
    /// line before may be legal content, inside a quoted or block scalar.)
    static func indentationTab(near location: SourceLocation, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation? {
        guard let line = SourceText(path: "", text: String(decoding: bytes, as: UTF8.self)).line(location.line)
        else { return nil }
        var column = 1
        for scalar in line.unicodeScalars {
            if scalar == "\t" { return SourceLocation(line: location.line, column: column) }
            if scalar != " " { break }
            column += 1
        }
        return nil
    }

    /// The line and column (in Unicode scalars) of a byte offset, with lines and columns counted
    /// as libyaml and `SourceText` count them (lone CRs and NEL, LS and PS end lines too).
    static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        // The bytes before a reader error are valid text: libyaml stopped at the first bad one.
        let before = SourceText(path: "", text: String(decoding: bytes.prefix(offset), as: UTF8.self))
        let last = before.lines.last ?? ""
        return SourceLocation(line: before.lines.count, column: last.unicodeScalars.count + 1)
    }
}
