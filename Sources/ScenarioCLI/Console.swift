import Foundation

/// Where commands write. Tests swap in a recording console with `Console.$current.withValue`.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal that shows colours.
    public var errIsTerminal: Bool
    public var outIsTerminal: Bool
    /// The first write that failed, standard output's before standard error's; nil while every
    /// write succeeded. A stream drops what is written to it after a failure.
    public var writeFailure: @Sendable () -> WriteFailure?

    public init(
        writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void,
        outIsTerminal: Bool = false, errIsTerminal: Bool = false,
        writeFailure: @escaping @Sendable () -> WriteFailure? = { nil }
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.outIsTerminal = outIsTerminal
        self.errIsTerminal = errIsTerminal
        self.writeFailure = writeFailure
    }

    /// The process's standard output and error.
    public static let standard = Console(outputDescriptor: STDOUT_FILENO, errorDescriptor: STDERR_FILENO)

    /// A console writing to two open file descriptors with `write(2)`, remembering the first
    /// failed write of each instead of crashing.
    public init(outputDescriptor: Int32, errorDescriptor: Int32) {
        let output = StandardStream(descriptor: outputDescriptor, stream: .standardOutput)
        let error = StandardStream(descriptor: errorDescriptor, stream: .standardError)
        self.init(
            writeOut: { output.write($0) }, writeErr: { error.write($0) },
            outIsTerminal: isatty(outputDescriptor) != 0, errIsTerminal: isatty(errorDescriptor) != 0,
            writeFailure: { output.failure ?? error.failure })
    }

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
