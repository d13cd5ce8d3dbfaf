import ScenarioDiagnostics

/// A node of a YAML document with the position it was written at. Aliases are already
/// resolved (an alias is a copy of its anchor's node, positions included) and `<<` merge keys
/// are already applied, so later stages never see either.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// Where the node starts (its first character, or its anchor or tag).
    public var location: SourceLocation
    /// The resolved tag when one was written (`!!str` becomes `tag:yaml.org,2002:str`), else nil.
    public var tag: String?

    public init(_ content: Content, at location: SourceLocation, tag: String? = nil) {
        self.content = content
        self.location = location
        self.tag = tag
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// "a map", "a list", "a string" and so on, for messages such as "expected a map, found a list".
    public var kindDescription: String {
        switch content {
        case .mapping: "a map"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.isNull ? "nothing (an empty value)" : "'\(scalar.text.elided)'"
        }
    }
}

/// A key and its value in a YAML mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when the key is a scalar.
    public var keyText: String? { key.scalar?.text }
}

/// The text of a scalar and how it was written; the stages that know what a field means decide
/// whether it is a number, a boolean or a string.
public struct YAMLScalar: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style
    /// Where the scalar ends (one past its last character).
    public var end: SourceLocation

    public init(_ text: String, style: Style, end: SourceLocation) {
        self.text = text
        self.style = style
        self.end = end
    }

    /// A plain scalar is the only kind YAML lets stand for a number, a boolean or null.
    public var isPlain: Bool { style == .plain }

    /// An empty plain value or `~`/`null`, which YAML reads as null.
    public var isNull: Bool {
        isPlain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }
}
