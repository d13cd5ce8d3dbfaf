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

    /// A name in a declaration or a reference: `[A-Za-z_][A-Za-z0-9_]*`.
    mutating func name(_ node: YAMLNode) -> Located<String>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("expected a name, found \(node.kindDescription)", at: node.location)
            return nil
        }
        guard Self.isValidName(scalar.text) else {
            error("'\(scalar.text)' is not a valid name: a name starts with a letter or '_' and "
                + "contains only letters, digits and '_'", at: node.location)
            return nil
        }
        return Located(scalar.text, at: node.location)
    }

    static func isValidName(_ text: String) -> Bool {
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
            error("\(what) must be an integer, but \"\(text)\" is quoted, which makes it text; "
                + "remove the quotes", at: node.location)
            return nil
        }
        if let problem = Self.integerProblem(text) {
            error("\(what) must be a plain decimal integer; \(problem)", at: node.location)
            return nil
        }
        guard let value = Int(text) else {
            error("\(what) '\(text)' is out of range", at: node.location)
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
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
            if digits.count > 1 && digits.hasPrefix("0") {
                return "'\(text)' has a leading zero, which YAML 1.1 reads as octal; write it without the zero"
            }
            return nil
        }
        if text.contains(":") && text.allSatisfy({ $0.isASCIIDigit || $0 == ":" }) {
            return "'\(text)' would be read by YAML 1.1 as a base-60 number; write the value in plain digits"
        }
        if text.contains("_") && text.allSatisfy({ $0.isASCIIDigit || $0 == "_" || $0 == "-" }) {
            return "'\(text)' has '_' separators; write the digits without them"
        }
        if text.lowercased().hasPrefix("0x") || text.lowercased().hasPrefix("0o") || text.lowercased().hasPrefix("0b") {
            return "'\(text)' is hexadecimal, octal or binary; write it in decimal"
        }
        if Double(text) != nil {
            return "'\(text)' has a fraction or an exponent"
        }
        return "found '\(text)'"
    }

    mutating func boolean(_ node: YAMLNode, what: String) -> Located<Bool>? {
        let text = node.scalar?.text ?? ""
        switch (node.scalar?.isPlain ?? false) ? text : "" {
        case "true", "True", "TRUE": return Located(true, at: node.location)
        case "false", "False", "FALSE": return Located(false, at: node.location)
        case "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N":
            error("\(what) must be true or false; '\(text)' meant a boolean only in YAML 1.1, "
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
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
