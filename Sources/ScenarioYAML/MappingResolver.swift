import ScenarioDiagnostics

/// Applies `<<` merge keys and rejects duplicate keys in a mapping. libyaml reports neither:
/// merge keys are a YAML 1.1 convention left to the loader, and duplicates are legal to its parser.
enum MappingResolver {
    static let mergeTag = "tag:yaml.org,2002:merge"

    static func resolve(_ pairs: [YAMLPair], diagnostics: inout Diagnostics) -> [YAMLPair] {
        guard pairs.contains(where: isMerge) || hasDuplicates(pairs) else { return pairs }

        // Keys written in this mapping win over merged ones, wherever the merge key stands.
        var explicit: [String: SourceLocation] = [:]
        var kept: [YAMLPair] = []
        for pair in pairs {
            if isMerge(pair) {
                kept.append(pair)
                continue
            }
            if let text = pair.keyText {
                if let first = explicit[text] {
                    diagnostics.error(
                        "duplicate key '\(text.elided)'; a key may appear only once in a map", at: pair.key.location,
                        notes: [DiagnosticNote("'\(text.elided)' first defined here", at: first)])
                    continue
                }
                explicit[text] = pair.key.location
            }
            kept.append(pair)
        }

        var seen = Set(explicit.keys)
        var result: [YAMLPair] = []
        for pair in kept {
            guard isMerge(pair) else {
                result.append(pair)
                continue
            }
            for merged in mergedPairs(of: pair.value, diagnostics: &diagnostics) {
                guard let text = merged.keyText else {
                    result.append(merged)
                    continue
                }
                if seen.insert(text).inserted {
                    result.append(merged)
                }
            }
        }
        return result
    }

    private static func isMerge(_ pair: YAMLPair) -> Bool {
        guard let scalar = pair.key.scalar else { return false }
        return scalar.text == "<<" && (pair.key.tag == nil ? scalar.isPlain : pair.key.tag == mergeTag)
    }

    private static func hasDuplicates(_ pairs: [YAMLPair]) -> Bool {
        var seen = Set<String>()
        return pairs.contains { pair in pair.keyText.map { !seen.insert($0).inserted } ?? false }
    }

    /// The pairs a merge value brings in, the earlier maps of a list winning over later ones.
    private static func mergedPairs(of value: YAMLNode, diagnostics: inout Diagnostics) -> [YAMLPair] {
        switch value.content {
        case .mapping(let pairs):
            return pairs
        case .sequence(let items):
            var result: [YAMLPair] = []
            for item in items {
                guard let pairs = item.mapping else {
                    diagnostics.error(mergeValueMessage(found: item), at: item.location)
                    continue
                }
                result.append(contentsOf: pairs)
            }
            return result
        case .scalar:
            diagnostics.error(mergeValueMessage(found: value), at: value.location)
            return []
        }
    }

    private static func mergeValueMessage(found node: YAMLNode) -> String {
        "a merge key '<<' takes a map or a list of maps (usually an alias, as in '<<: *defaults'), "
            + "not \(node.kindDescription)"
    }
}
