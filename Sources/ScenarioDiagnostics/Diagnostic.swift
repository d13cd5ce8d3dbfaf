/// How serious a finding is. Errors stop a scenario from running; warnings do not.
public enum Severity: String, Sendable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, such as "first defined here".
public struct DiagnosticNote: Sendable, Hashable {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// One problem found in a scenario file. Every stage reports problems as values and keeps
/// going, so that a user sees all of them in one run.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    /// Where the problem is; nil for problems of the file as a whole (for example, it cannot be read).
    public var location: SourceLocation?
    public var notes: [DiagnosticNote]

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    /// `LINE:COL: severity: message`, without the file name (see `DiagnosticRenderer` for the full form).
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}

/// The findings of one or more stages, in the order they were found.
public struct Diagnostics: Sendable, Equatable {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) {
        self.all = diagnostics
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    public mutating func error(_ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) {
        append(.error(message, at: location, notes: notes))
    }

    public mutating func warning(_ message: String, at location: SourceLocation?, notes: [DiagnosticNote] = []) {
        append(.warning(message, at: location, notes: notes))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var isEmpty: Bool { all.isEmpty }

    /// Without repeats: an alias copies its anchor's nodes with their positions, so a mistake in a
    /// template used three times would otherwise be reported three times at the same place.
    /// (A set, not a search of the kept list: a broken file can have hundreds of thousands.)
    public func removingDuplicates() -> Diagnostics {
        var seen = Set<Diagnostic>()
        return Diagnostics(all.filter { seen.insert($0).inserted })
    }

    /// Sorted by position, as a compiler prints them; problems without a position come first.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// A diagnostic can be the failure of a `Result`, for small parsers that stop at their first problem.
extension Diagnostic: Error {}
