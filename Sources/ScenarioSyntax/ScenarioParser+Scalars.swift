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
            // 'é' is a letter to the reader: say that names are ASCII, and give the code point,
            // since the character may be invisible (a zero-width space) or look like an ASCII one.
            if let foreign = scalar.text.unicodeScalars.first(where: { !$0.isASCII }) {
                let code = String(foreign.value, radix: 16, uppercase: true)
                error("'\(scalar.text.elided)' is not a valid name: '\(foreign)' (U+\(code.leftPadded(to: 4))) is not "
                    + "allowed, since names are ASCII: a name starts with a letter (a-z, A-Z) or '_' and contains "
                    + "only letters, digits (0-9) and '_'", at: node.location)
            } else {
                error("'\(scalar.text.elided)' is not a valid name: a name starts with a letter or '_' and "
                    + "contains only letters, digits and '_'", at: node.location)
            }
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

    static let integerTag = "tag:yaml.org,2002:int"
    static let booleanTag = "tag:yaml.org,2002:bool"

    mutating func integer(_ node: YAMLNode, what: String, atLeast minimum: Int? = nil) -> Located<Int>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("\(what) must be an integer, not \(node.kindDescription)", at: node.location)
            return nil
        }
        let text = scalar.text
        guard scalar.isPlain else {
            // Removing the quotes would not help a reference: unquoted, `{i}` is a YAML map.
            let isReference = text.hasPrefix("{") && text.hasSuffix("}")
            error("\(what) must be an integer, but \"\(text.elided)\" is quoted, which makes it text; "
                + (isReference
                    ? "a '{…}' reference or expression is computed only in the 'by' of increment and decrement, the 'to' "
                        + "of set, the count of repeat and a worker's 'result'; write a plain integer here"
                    : "remove the quotes"), at: node.location)
            return nil
        }
        if let tag = node.tag, tag != Self.integerTag {
            error("\(what) must be an integer, but '\(text.elided)' is tagged '\(Self.shown(tag: tag))'; "
                + "write the number without a tag", at: node.location)
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

    /// A tag as it is usually written: `!!float` for `tag:yaml.org,2002:float`, others unchanged.
    static func shown(tag: String) -> String {
        let standard = "tag:yaml.org,2002:"
        return tag.hasPrefix(standard) ? "!!" + tag.dropFirst(standard.count) : tag.elided
    }

    /// Why a plain scalar is not a decimal integer (an optional '-' and digits, without a leading
    /// zero), or nil when it is one.
    static func integerProblem(_ text: String) -> String? {
        let shown = text.elided
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
            if NumberSpelling.hasLeadingZero(digits) {
                return NumberSpelling.leadingZero(in: text)
            }
            if text.hasPrefix("+") {
                return "'\(shown)' starts with '+', which is not part of a plain integer; write it without the '+'"
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

    /// `true` or `false`, plain and in lowercase: the only spellings YAML 1.2 gives a boolean.
    mutating func boolean(_ node: YAMLNode, what: String) -> Located<Bool>? {
        guard let scalar = node.scalar, !scalar.isNull else {
            error("\(what) must be true or false, not \(node.kindDescription)", at: node.location)
            return nil
        }
        let text = scalar.text
        guard scalar.isPlain else {
            error("\(what) must be true or false, but \"\(text.elided)\" is quoted, which makes it text; "
                + "write true or false without quotes", at: node.location)
            return nil
        }
        if let tag = node.tag, tag != Self.booleanTag {
            error("\(what) must be true or false, but '\(text.elided)' is tagged '\(Self.shown(tag: tag))'; "
                + "write true or false without a tag", at: node.location)
            return nil
        }
        switch text {
        case "true": return Located(true, at: node.location)
        case "false": return Located(false, at: node.location)
        case "True", "TRUE", "False", "FALSE":
            error("\(what) must be true or false, in lowercase; write '\(text.lowercased())', not '\(text)'",
                at: node.location)
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

extension String {
    /// The string with zeros in front, up to `width` characters: "E9" → "00E9".
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
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
