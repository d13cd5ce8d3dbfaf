import ScenarioDiagnostics
import ScenarioYAML

/// Typed reading of scalars. YAML 1.1 guessed types from spelling (`yes` was true, `017` was
/// octal, `1:30` was 90); the language accepts one spelling per type and says so when it sees another.
extension ScenarioParser {
    static let stringTag = "tag:yaml.org,2002:str"

    mutating func string(_ node: YAMLNode, what: String) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull || node.tag == Self.stringTag else {
            error("\(what) must be text, not \(node.kindDescription)", at: node.location)
            return nil
        }
        return Located(scalar.text, at: node.location)
    }

    /// A name in a declaration or a reference: `[A-Za-z_][A-Za-z0-9_]*`, at most 100 characters.
    mutating func name(_ node: YAMLNode) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("expected a name, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard Self.isValidName(scalar.text) else {
            if Self.isWellFormedName(scalar.text) {
                error("'\(scalar.text.elided)' is too long for a name (\(scalar.text.utf8.count) characters); "
                    + "a name has at most \(Self.maximumNameLength)", at: node.location)
                return nil
            }
            error("'\(scalar.text.elided)' is not a valid name: a name starts with a letter or '_' and "
                + "contains only letters, digits and '_'", at: node.location)
            return nil
        }
        return Located(scalar.text, at: node.location)
    }

    /// Names are quoted in messages, and one can be quoted once per step that uses it; a bound
    /// keeps a file with a megabyte-long name from producing gigabytes of diagnostics.
    static let maximumNameLength = 100

    static func isValidName(_ text: String) -> Bool {
        text.utf8.count <= maximumNameLength && isWellFormedName(text)
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, whatever its length.
    static func isWellFormedName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.isASCIILetter else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.isASCIILetter || ("0"..."9").contains($0) }
    }

    mutating func integer(_ node: YAMLNode, what: String, atLeast minimum: Int? = nil) -> Located<Int>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("\(what) must be an integer, not \(node.kindDescription)", at: node.location)
            return nil
        }
        let text = scalar.text
        guard scalar.isPlain, node.tag == nil || node.tag == "tag:yaml.org,2002:int" else {
            error("\(what) must be an integer, but \"\(text.elided)\" is quoted, which makes it text; "
                + "remove the quotes", at: node.location)
            return nil
        }
        if let problem = Self.integerProblem(text) {
            error("\(what) must be a plain decimal integer; \(problem)", at: node.location)
            return nil
        }
        guard let value = Int(text) else {
            error("\(what) '\(text.elided)' is out of range", at: node.location)
            return nil
        }
        if let minimum, value < minimum {
            error("\(what) must be at least \(minimum), not \(value)", at: node.location)
            return nil
        }
        return Located(value, at: node.location)
    }

    /// Why a plain scalar is not a decimal integer, or nil when it is one.
    static func integerProblem(_ text: String) -> String? {
        let shown = text.elided
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
            if digits.count > 1 && digits.hasPrefix("0") {
                return "'\(shown)' has a leading zero, which YAML 1.1 reads as octal; write it without the zero"
            }
            return nil
        }
        if text.contains(":") && text.allSatisfy({ $0.isASCIIDigit || $0 == ":" }) {
            return "'\(shown)' would be read by YAML 1.1 as a base-60 number; write the value in plain digits"
        }
        if text.contains("_") && text.allSatisfy({ $0.isASCIIDigit || $0 == "_" || $0 == "-" }) {
            return "'\(shown)' has '_' separators; write the digits without them"
        }
        if text.lowercased().hasPrefix("0x") || text.lowercased().hasPrefix("0o") || text.lowercased().hasPrefix("0b") {
            return "'\(shown)' is hexadecimal, octal or binary; write it in decimal"
        }
        if Double(text) != nil {
            return "'\(shown)' has a fraction or an exponent"
        }
        return "found '\(shown)'"
    }

    mutating func boolean(_ node: YAMLNode, what: String) -> Located<Bool>? {
        let text = node.scalar?.text ?? ""
        switch (node.scalar?.isPlain ?? false) ? text : "" {
        case "true", "True", "TRUE": return Located(true, at: node.location)
        case "false", "False", "FALSE": return Located(false, at: node.location)
        case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N":
            error("\(what) must be true or false; '\(text.elided)' meant a boolean only in YAML 1.1, "
                + "so it is not accepted here", at: node.location)
        default:
            error("\(what) must be true or false, not \(node.kindDescription)", at: node.location)
        }
        return nil
    }

    mutating func duration(_ node: YAMLNode, what: String) -> DurationValue? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("\(what) must be a duration such as 2, 0.5, '250ms' or '1m30s', not \(node.kindDescription)",
                at: node.location)
            return nil
        }
        switch DurationSyntax.parse(scalar.text) {
        case .success(let duration):
            return duration
        case .failure(let problem):
            error("\(what): \(problem.message)", at: node.location)
            return nil
        }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension Character {
    /// One of 0 to 9 alone. (Not `("0"..."9").contains(self)`: Characters compare as strings, so
    /// that range also holds a digit with a combining mark, such as "1\u{301}".)
    var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}
