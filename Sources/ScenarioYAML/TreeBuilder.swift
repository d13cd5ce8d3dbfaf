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
    /// Nodes in the document with every alias expanded (saturating at the limit).
    private var expandedNodes = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    private struct Anchored {
        var node: YAMLNode
        var size: Int
    }

    private struct OpenCollection {
        var isMapping: Bool
        var location: SourceLocation
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        /// This collection's nodes with aliases expanded, itself included.
        var size = 1
    }

    mutating func handle(_ event: yaml_event_t) {
        let start = SourceLocation(event.start_mark)
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
            let scalar = YAMLScalar(text, style: Self.style(data.style), end: SourceLocation(event.end_mark))
            let node = YAMLNode(.scalar(scalar), at: start, tag: Self.string(data.tag))
            guard count(1, at: start) else { return }
            add(node, size: 1, anchor: Self.string(data.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                diagnostics.error(
                    "alias '*\(name)' refers to no anchor '&\(name)' defined before it"
                        + Suggestions.didYouMean(name, in: anchors.keys),
                    at: start)
                isFinished = true
                return
            }
            guard count(anchored.size, at: start) else { return }
            add(anchored.node, size: anchored.size, anchor: nil)
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
            diagnostics.error(
                "the file nests more than \(limits.maxDepth) levels deep; a scenario needs far fewer",
                at: location)
            isFinished = true
            return
        }
        guard count(1, at: location) else { return }
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
        add(node, size: collection.size, anchor: collection.anchor)
    }

    /// Adds `size` expanded nodes to the document's total; false (and loading stops) past the limit.
    private mutating func count(_ size: Int, at location: SourceLocation) -> Bool {
        expandedNodes = min(expandedNodes + size, limits.maxExpandedNodes + 1)
        guard expandedNodes > limits.maxExpandedNodes else { return true }
        diagnostics.error(
            "aliases expand this document to more than \(limits.maxExpandedNodes) nodes; "
                + "is an alias repeating a large part of the file over and over?",
            at: location)
        isFinished = true
        return false
    }

    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?) {
        if let anchor {
            anchors[anchor] = Anchored(node: node, size: size)
        }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].items.append(node)
            stack[stack.count - 1].size = min(stack[stack.count - 1].size + size, limits.maxExpandedNodes + 1)
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
