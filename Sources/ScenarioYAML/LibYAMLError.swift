import CYAML
import ScenarioDiagnostics

/// Turns libyaml's error state into a diagnostic that a newcomer can act on.
struct LibYAMLError {
    let diagnostic: Diagnostic

    init(parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) {
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
            let location = SourceLocation(parser.problem_mark)
            if let tab = Self.indentationTab(near: location, in: bytes) {
                diagnostic = .error(
                    "a tab is used for indentation; YAML indents with spaces only", at: tab)
                return
            }
            var notes: [DiagnosticNote] = []
            if let context = parser.context.map({ String(cString: $0) }) {
                notes.append(DiagnosticNote(context, at: SourceLocation(parser.context_mark)))
            }
            diagnostic = .error("invalid YAML: \(problem)", at: location, notes: notes)
        }
    }

    /// A tab in the leading whitespace of the line of the problem. (Only that line: a tab on the
    /// line before may be legal content, inside a quoted or block scalar.)
    static func indentationTab(near location: SourceLocation, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation? {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for number in [location.line] where number >= 1 && number <= lines.count {
            var column = 1
            for byte in lines[number - 1] {
                if byte == 0x09 { return SourceLocation(line: number, column: column) }
                if byte != 0x20 { break }
                column += 1
            }
        }
        return nil
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        for byte in bytes.prefix(offset).dropFirst(hasByteOrderMark ? 3 : 0) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count the first byte of each scalar only
            }
        }
        return SourceLocation(line: line, column: column)
    }
}
