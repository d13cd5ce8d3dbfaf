import ScenarioDiagnostics
import ScenarioRuntime

/// What may differ between engines for one scenario, from least to most: each level also lets
/// everything of the levels before it differ.
enum Leeway: Int, Comparable, Sendable {
    /// The default: the per-instance events agree, values included.
    case none
    /// Which instance gets a lock, a permit or an item first may differ, so the values in the
    /// events may too; the steps each instance takes (event kind and object) agree.
    case interleaving
    /// The per-instance events may differ (how many rounds a loop ran before the end, which pool
    /// worker took how many tasks); status, variables and instance ends agree.
    case timing
    /// The final variables and queues too (lost updates): only the status, the error and how
    /// each instance ended agree.
    case scheduleDependent
    /// Whether the expectations hold too (a lost update that an `expect` catches on some
    /// schedules): the status may be `ok` or `expectation_failed`; how each instance ended agrees.
    case outcomeDependent

    static func < (a: Leeway, b: Leeway) -> Bool { a.rawValue < b.rawValue }

    static let words: [String: Leeway] = [
        "interleaving": .interleaving, "timing": .timing, "schedule-dependent": .scheduleDependent,
        "outcome-dependent": .outcomeDependent,
    ]
}

/// A scenario's `# conformance:` markers (the syntax is described in ConformanceTests.swift).
struct ConformanceMarkers: Equatable, Sendable {
    var leeway = Leeway.none
    /// The status every engine must end with.
    var ends = RunStatus.ok
    /// With `ends error`: `LINE:COL` of the failing step.
    var errorAt: String?
    /// The run's time-out in seconds, when not the suite's generous default.
    var timeout: Double?

    static let prefix = "conformance"
    static let keywords = Array(Leeway.words.keys) + ["ends", "timeout"]

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the markers from comment lines (with or without their `#`); lines that are no
    /// marker are ignored, but one that looks like a misspelt marker is a problem.
    static func parse(_ comments: some Sequence<some StringProtocol>) throws(Problem) -> ConformanceMarkers {
        var markers = ConformanceMarkers()
        var seen: Set<String> = []
        for comment in comments {
            var line = Substring(comment).drop { $0 == "#" || $0 == " " }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = String(line[..<colon])
            guard label == prefix else {
                if Suggestions.closest(to: label, in: [prefix]) != nil {
                    throw Problem(description: "'\(label):' looks like a misspelt '\(prefix):' marker")
                }
                continue
            }
            line = line[line.index(after: colon)...]
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { throw Problem(description: "an empty '\(prefix):' marker") }
            guard seen.insert(Leeway.words[keyword] != nil ? "leeway" : keyword).inserted else {
                throw Problem(description: "'\(comment)': a second marker of its kind")
            }
            try markers.read(keyword, Array(words.dropFirst()), in: String(comment))
        }
        if markers.errorAt != nil, markers.ends != .error {
            throw Problem(description: "'at LINE:COL' belongs to 'ends error'")
        }
        return markers
    }

    private mutating func read(_ keyword: String, _ arguments: [String], in line: String) throws(Problem) {
        switch (keyword, arguments.count) {
        case (_, 0) where Leeway.words[keyword] != nil:
            leeway = Leeway.words[keyword] ?? .none
        case ("ends", 1...3):
            guard let status = RunStatus(rawValue: arguments[0]) else {
                throw Problem(description: "'\(line)': no status '\(arguments[0])'")
            }
            guard arguments.count == 1 || (arguments.count == 3 && arguments[1] == "at") else {
                throw Problem(description: "'\(line)': 'ends STATUS' or 'ends error at LINE:COL'")
            }
            ends = status
            errorAt = arguments.count == 3 ? arguments[2] : nil
        case ("timeout", 1):
            guard let seconds = Double(arguments[0]), seconds > 0 else {
                throw Problem(description: "'\(line)': the time-out is a number of seconds")
            }
            timeout = seconds
        default:
            throw Problem(description: "'\(line)': not a marker" + Suggestions.didYouMean(keyword, in: Self.keywords))
        }
    }
}
