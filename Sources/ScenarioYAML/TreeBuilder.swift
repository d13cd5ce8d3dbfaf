import CYAML
import ScenarioDiagnostics

/// Assembles libyaml events into a node tree: an explicit stack of open collections, a table of
/// anchors, and the bookkeeping for the depth and alias-expansion limits.
struct TreeBuilder {
    let limits: YAMLLimits
    var diagnostics = Diagnostics()
    private(set) var root: YAMLNode?
    /// Set when the document is complete or loading must stop.
    private(set) var isFinished = false

    private var stack: [OpenCollection] = []
    private var anchors: [String: Anchored] = [:]
    private var documents = 0
    /// The document with every alias expanded (saturating at the limits).
    private var expanded = Size.zero

    /// Just past the last character of the file.
    let end: SourceLocation

    init(limits: YAMLLimits, end: SourceLocation) {
        self.limits = limits
        self.end = end
    }

    /// What a node amounts to once its aliases are expanded: nodes, and bytes of scalar text (an
    /// alias of one huge scalar repeated is as costly to check as many nodes).
    private struct Size {
        var nodes: Int
        var textBytes: Int

        static let zero = Size(nodes: 0, textBytes: 0)

        /// The sum, saturating just past the limits (so that it cannot overflow).
        func adding(_ other: Size, limits: YAMLLimits) -> Size {
            Size(
                nodes: min(nodes + other.nodes, limits.maxExpandedNodes + 1),
                textBytes: min(textBytes + other.textBytes, limits.maxExpandedTextBytes + 1))
        }
    }

    private struct Anchored {
        var node: YAMLNode
        var size: Size
        /// How many collections deep the node is, itself included (0 for a scalar).
        var height: Int
    }

    private struct OpenCollection {
        var isMapping: Bool
        var location: SourceLocation
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        /// This collection with aliases expanded, itself included.
        var size = Size(nodes: 1, textBytes: 0)
        /// How many collections deep it is, itself included.
        var height = 1
    }

    mutating func handle(_ event: yaml_event_t) {
        let start = SourceLocation(event.start_mark, end: end)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.error(
                    "a scenario file holds one YAML document, but a second one starts here", at: start)
                isFinished = true
            }
        case YAML_STREAM_END_EVENT:
            isFinished = true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self) } ?? ""
            let scalar = YAMLScalar(text, style: Self.style(data.style), end: SourceLocation(event.end_mark, end: end))
            let node = YAMLNode(.scalar(scalar), at: start, tag: Self.string(data.tag))
            let size = Size(nodes: 1, textBytes: Int(data.length))
            guard count(size, at: start) else { return }
            add(node, size: size, height: 0, anchor: Self.string(data.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                diagnostics.error(
                    "alias '*\(name.elided)' refers to no anchor '&\(name.elided)' defined before it"
                        + Suggestions.didYouMean(name, in: anchors.keys),
                    at: start)
                isFinished = true
                return
            }
            // The copy nests as deep as the original, below everything open here.
            guard stack.count + anchored.height <= limits.maxDepth else {
                tooDeep(at: start, what: " once alias '*\(name.elided)' is expanded")
                return
            }
            guard count(anchored.size, at: start) else { return }
            add(anchored.node, size: anchored.size, height: anchored.height, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            open(isMapping: false, at: start, tag: Self.string(data.tag), anchor: Self.string(data.anchor))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            open(isMapping: true, at: start, tag: Self.string(data.tag), anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            close()
        default:
            break
        }
    }

    private mutating func open(isMapping: Bool, at location: SourceLocation, tag: String?, anchor: String?) {
        guard stack.count < limits.maxDepth else {
            tooDeep(at: location, what: "")
            return
        }
        guard count(Size(nodes: 1, textBytes: 0), at: location) else { return }
        stack.append(OpenCollection(isMapping: isMapping, location: location, tag: tag, anchor: anchor))
    }

    private mutating func close() {
        guard let collection = stack.popLast() else { return }
        let content: YAMLNode.Content
        if collection.isMapping {
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(collection.items.count / 2)
            var index = 0
            while index + 1 < collection.items.count {
                pairs.append(YAMLPair(key: collection.items[index], value: collection.items[index + 1]))
                index += 2
            }
            content = .mapping(MappingResolver.resolve(pairs, diagnostics: &diagnostics))
        } else {
            content = .sequence(collection.items)
        }
        let node = YAMLNode(content, at: collection.location, tag: collection.tag)
        // The collection and everything in it were counted as they arrived.
        add(node, size: collection.size, height: collection.height, anchor: collection.anchor)
    }

    private mutating func tooDeep(at location: SourceLocation, what: String) {
        diagnostics.error(
            "the file nests more than \(limits.maxDepth) levels deep\(what); a scenario needs far fewer",
            at: location)
        isFinished = true
    }

    /// Adds `size` to the document's expanded total; false (and loading stops) past a limit.
    private mutating func count(_ size: Size, at location: SourceLocation) -> Bool {
        expanded = expanded.adding(size, limits: limits)
        if expanded.nodes > limits.maxExpandedNodes {
            diagnostics.error(
                "aliases expand this document to more than \(limits.maxExpandedNodes) nodes; "
                    + "is an alias repeating a large part of the file over and over?",
                at: location)
        } else if expanded.textBytes > limits.maxExpandedTextBytes {
            diagnostics.error(
                "aliases expand this document to more than \(limits.maxExpandedTextBytes) bytes of text; "
                    + "is an alias repeating a long text over and over?",
                at: location)
        } else {
            return true
        }
        isFinished = true
        return false
    }

    private mutating func add(_ node: YAMLNode, size: Size, height: Int, anchor: String?) {
        if let anchor {
            anchors[anchor] = Anchored(node: node, size: size, height: height)
        }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].items.append(node)
            stack[stack.count - 1].size = stack[stack.count - 1].size.adding(size, limits: limits)
            stack[stack.count - 1].height = max(stack[stack.count - 1].height, height + 1)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
