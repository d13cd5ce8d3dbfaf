import CYAML
import ScenarioDiagnostics

/// Reads one YAML document through libyaml's event API into a `YAMLNode` tree.
///
/// The tree is built without recursion (an explicit stack), so that depth is bounded by
/// `YAMLLimits.maxDepth` rather than by the thread's stack.
public struct YAMLLoader: Sendable {
    public var limits: YAMLLimits

    public init(limits: YAMLLimits = YAMLLimits()) {
        self.limits = limits
    }

    /// The outcome of loading: the document's root when there is one, and every problem found.
    public struct Result: Sendable {
        public var root: YAMLNode?
        public var diagnostics: Diagnostics
    }

    /// Loads the bytes of a file. Problems are returned as diagnostics, never thrown.
    public func load(_ bytes: [UInt8]) -> Result {
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return Result(root: nil, diagnostics: Diagnostics([.error(Self.emptyFileMessage, at: nil)]))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // libyaml would read it, but every position and quoted line would then be wrong.
            let message = "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
            return Result(root: nil, diagnostics: Diagnostics([.error(message, at: nil)]))
        }
        let end = SourceText(path: "", text: String(decoding: bytes, as: UTF8.self)).end
        var builder = TreeBuilder(limits: limits, end: end)
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) != 0 else {
                builder.diagnostics.error("libyaml could not start (out of memory)", at: nil)
                return
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while !builder.isFinished {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) != 0 else {
                    builder.diagnostics.append(LibYAMLError(parser: parser, bytes: buffer, end: end).diagnostic)
                    return
                }
                builder.handle(event)
                yaml_event_delete(&event)
            }
        }
        if builder.root == nil && !builder.diagnostics.hasErrors {
            builder.diagnostics.error(Self.emptyFileMessage, at: nil)
        }
        return Result(root: builder.root, diagnostics: builder.diagnostics)
    }

    static let emptyFileMessage =
        "the file is empty; a scenario is a YAML map that starts with 'scenario: <title>'"
}

extension SourceLocation {
    /// libyaml counts lines and columns from 0; we count from 1. At the end of a file whose last
    /// line has no line break, libyaml counts one anyway and marks the line after the last; such
    /// a mark becomes `end`, the end of the last line.
    init(_ mark: yaml_mark_t, end: SourceLocation) {
        self = min(SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1), end)
    }
}
