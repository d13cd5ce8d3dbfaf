import ScenarioRuntime

/// What the run and a pool's child process say to each other over the child's standard input
/// and output: one message a line, its fields separated by tabs, a field's own tabs, newlines
/// and backslashes escaped (`\t`, `\n`, `\\`). Small and versioned: the first message each way
/// (`hello`, `ready`) carries `version`, and a child that does not speak it says so (`fatal`).
enum ProcessMessage: Equatable {
    /// Run → child: the scenario (its file name and text), compiled again there, and the run's
    /// `--speed`, which divides the child's sleeps and works too.
    case hello(version: Int, speed: Double, path: String, source: String)
    /// Run → child: run the steps of `instance` from instruction `start` up to `end`.
    case run(instance: Int, start: Int, end: Int)
    /// Child → run: ready, as process `pid`.
    case ready(version: Int, pid: Int32)
    /// Child → run: it cannot serve (it cannot read the scenario, or speaks another version).
    case fatal(String)
    /// Child → run: the task recorded an event.
    case event(kind: EventKind, object: Int, value: EventValue, line: Int32)
    /// Child → run: the task reached `end`; its result (if the worker has one) and the values of
    /// the process's copy of the variables, in object order.
    case done(result: Int?, variables: [Int])
    /// Child → run: a step failed.
    case error(location: String, message: String)

    /// The version this build speaks.
    static let version = 1

    /// The message as one line, newline included.
    var line: [UInt8] {
        var fields: [String]
        switch self {
        case .hello(let version, let speed, let path, let source): fields = ["hello", String(version), String(speed), path, source]
        case .run(let instance, let start, let end): fields = ["run", String(instance), String(start), String(end)]
        case .ready(let version, let pid): fields = ["ready", String(version), String(pid)]
        case .fatal(let message): fields = ["fatal", message]
        case .event(let kind, let object, let value, let line):
            fields = ["event", kind.rawValue, String(object), String(line)]
            switch value {
            case .none: fields += ["n", ""]
            case .integer(let number): fields += ["i", String(number)]
            case .text(let text): fields += ["t", text]
            }
        case .done(let result, let variables):
            fields = ["done", result.map(String.init) ?? "", variables.map(String.init).joined(separator: ",")]
        case .error(let location, let message): fields = ["error", location, message]
        }
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\t")) }
            for byte in field.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The message a line (without its newline) holds; nil for a line no version of us writes.
    init?(line: ArraySlice<UInt8>) {
        let fields = Self.fields(line)
        guard let verb = fields.first else { return nil }
        func int(_ index: Int) -> Int? { fields.indices.contains(index) ? Int(fields[index]) : nil }
        switch (verb, fields.count) {
        case ("hello", 5):
            guard let version = int(1), let speed = Double(fields[2]), speed > 0, speed.isFinite else { return nil }
            self = .hello(version: version, speed: speed, path: fields[3], source: fields[4])
        case ("run", 4):
            guard let instance = int(1), let start = int(2), let end = int(3) else { return nil }
            self = .run(instance: instance, start: start, end: end)
        case ("ready", 3):
            guard let version = int(1), let pid = Int32(fields[2]) else { return nil }
            self = .ready(version: version, pid: pid)
        case ("fatal", 2):
            self = .fatal(fields[1])
        case ("event", 6):
            guard let kind = EventKind(rawValue: fields[1]), let object = int(2), let line = Int32(fields[3]) else { return nil }
            switch fields[4] {
            case "n": self = .event(kind: kind, object: object, value: .none, line: line)
            case "i":
                guard let number = int(5) else { return nil }
                self = .event(kind: kind, object: object, value: .integer(number), line: line)
            case "t": self = .event(kind: kind, object: object, value: .text(fields[5]), line: line)
            default: return nil
            }
        case ("done", 3):
            let result = fields[1].isEmpty ? nil : Int(fields[1])
            if !fields[1].isEmpty, result == nil { return nil }
            let values = fields[2].isEmpty ? [] : fields[2].split(separator: ",").map { Int($0) }
            guard !values.contains(nil) else { return nil }
            self = .done(result: result, variables: values.compactMap { $0 })
        case ("error", 3):
            self = .error(location: fields[1], message: fields[2])
        default:
            return nil
        }
    }

    /// The fields of a line, unescaped.
    private static func fields(_ line: ArraySlice<UInt8>) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in line {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): current.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): current.append(UInt8(ascii: "\n"))
                default: current.append(byte)
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\t") {
                fields.append(String(decoding: current, as: UTF8.self))
                current = []
            } else {
                current.append(byte)
            }
        }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields
    }
}
