import Foundation

/// Where commands write. Tests swap in a recording console with `Console.$current.withValue`.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal that shows colours.
    public var errIsTerminal: Bool
    public var outIsTerminal: Bool

    public init(
        writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void,
        outIsTerminal: Bool = false, errIsTerminal: Bool = false
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.outIsTerminal = outIsTerminal
        self.errIsTerminal = errIsTerminal
    }

    /// The process's standard output and error.
    public static let standard = Console(
        writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
        writeErr: { FileHandle.standardError.write(Data($0.utf8)) },
        outIsTerminal: isatty(STDOUT_FILENO) != 0,
        errIsTerminal: isatty(STDERR_FILENO) != 0)

    @TaskLocal public static var current: Console = .standard

    public func out(_ text: String) { writeOut(text) }
    public func err(_ text: String) { writeErr(text) }
}

/// `--color`: whether to colour output.
public enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never

    /// Colour only on a terminal and only when NO_COLOR is unset (https://no-color.org).
    func enabled(terminal: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return terminal && !noColor
        }
    }
}
