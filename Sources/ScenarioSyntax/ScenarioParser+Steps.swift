import ScenarioDiagnostics
import ScenarioYAML

extension ScenarioParser {
    /// A list of steps, as in a worker's `steps:` or the `do:` of `with` and `repeat`.
    mutating func steps(_ node: YAMLNode, owner: String) -> [Step] {
        guard let items = node.sequence else {
            let found = node.scalar?.isNull == true ? "nothing" : node.kindDescription
            error("the steps of \(owner) must be a list ('- acquire: lock' …), not \(found)", at: node.location)
            return []
        }
        return items.compactMap { step($0) }
    }

    private mutating func step(_ node: YAMLNode) -> Step? {
        guard let pairs = node.mapping, let first = pairs.first else {
            error("a step is a map whose first key is its verb, as in '- sleep: 1s'; found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        let verbs = Verb.stepVerbs.map(\.rawValue)
        let firstKey = first.keyText ?? ""
        if firstKey == Verb.onDone.rawValue {
            error("'on_done' is a key of a worker, next to 'steps:' (the callback run when each instance "
                + "finishes), not a step", at: first.key.location)
            return nil
        }
        guard let verb = Verb(rawValue: firstKey) else {
            if let later = pairs.dropFirst().first(where: { Verb(rawValue: $0.keyText ?? "") != nil }) {
                error("the verb '\(later.keyText ?? "")' must come first in its step, before '\(firstKey.elided)'",
                    at: later.key.location)
            } else {
                error("unknown step '\(firstKey.elided)'" + Suggestions.didYouMean(firstKey, in: verbs)
                    + " (steps: \(verbs.joined(separator: ", ")))", at: first.key.location)
            }
            return nil
        }
        var modifiers: [String: YAMLNode] = [:]
        let allowed = verb.modifiers.map(\.key)
        for pair in pairs.dropFirst() {
            let key = pair.keyText ?? "?"
            guard allowed.contains(key) else {
                let takes = allowed.isEmpty
                    ? "\(verb.withArticle) step takes no other keys"
                    : "\(verb.withArticle) step also takes " + allowed.map { "'\($0)'" }.joined(separator: ", ")
                let more = Verb(rawValue: key) != nil ? "; put each step in its own list item" : Suggestions.didYouMean(key, in: allowed)
                error("unknown key '\(key.elided)' in \(verb.withArticle) step\(more) (\(takes))", at: pair.key.location)
                continue
            }
            modifiers[key] = pair.value
        }
        for (key, required) in verb.modifiers where required && modifiers[key] == nil {
            error("\(verb.withArticle) step needs '\(key):'", at: first.key.location)
            return nil
        }
        guard let action = action(verb, first.value, modifiers) else { return nil }
        return Step(action, at: first.key.location)
    }

    private mutating func action(_ verb: Verb, _ value: YAMLNode, _ modifiers: [String: YAMLNode]) -> StepAction? {
        switch verb {
        case .acquire: return name(value).map { .acquire($0) }
        case .release: return name(value).map { .release($0) }
        case .get: return name(value).map { .get($0) }
        case .taskDone: return name(value).map { .taskDone($0) }
        case .join: return name(value).map { .join($0) }
        case .wait: return name(value).map { .wait($0) }
        case .sleep: return duration(value, what: "'sleep'").map { .sleep($0) }
        case .work: return duration(value, what: "'work'").map { .work($0) }
        case .log: return template(value, what: "'log'").map { .log($0) }
        case .with:
            guard let target = name(value), let body = modifiers["do"] else { return nil }
            return .with(target, body: steps(body, owner: "'with: \(target.value)'"))
        case .repeat:
            guard let count = repeatCount(value), let body = modifiers["do"] else { return nil }
            return .repeat(count, body: steps(body, owner: "'repeat'"))
        case .asCompleted, .gather:
            guard let target = name(value), let body = modifiers["do"] else { return nil }
            let inner = steps(body, owner: "'\(verb.rawValue): \(target.value)'")
            return verb == .gather ? .gather(target, body: inner) : .asCompleted(target, body: inner)
        case .exit:
            return integer(value, what: "'exit' (a process's exit status)", atLeast: 0)
                .flatMap { status in
                    guard status.value <= 255 else {
                        error("'exit' takes a status from 0 to 255, as a process's exit status is one byte; not \(status.value)",
                            at: value.location)
                        return nil
                    }
                    return .exit(status.value)
                }
        case .onDone:
            preconditionFailure("'on_done' is refused before its step is read")
        case .increment, .decrement:
            guard let target = name(value) else { return nil }
            let amount = modifiers["by"].map { integerExpression($0, what: "'by'") } ?? .literal(1)
            guard let amount else { return nil }
            return verb == .increment ? .increment(target, by: amount) : .decrement(target, by: amount)
        case .set:
            guard let target = name(value), let node = modifiers["to"],
                let amount = integerExpression(node, what: "'to'")
            else { return nil }
            return .set(target, to: amount)
        case .put:
            guard let target = name(value) else { return nil }
            guard let node = modifiers["value"] else { return .put(target, value: nil) }
            guard let item = queueValue(node) else { return nil }
            return .put(target, value: item)
        }
    }

    private mutating func repeatCount(_ node: YAMLNode) -> RepeatCount? {
        if let scalar = node.scalar, scalar.text == "forever" {
            return .forever(node.location)
        }
        // 'Forever' or 'forevr' is no integer: say what was probably meant rather than "not an integer".
        // (Only for a word: "{forevr}" is a reference to a variable.)
        if let scalar = node.scalar, scalar.text.unicodeScalars.allSatisfy(\.isASCIILetter),
            Suggestions.closest(to: scalar.text, in: ["forever"]) != nil
        {
            error("'repeat' takes an integer, a {variable} or 'forever', not '\(scalar.text.elided)'; "
                + "did you mean 'forever'?", at: node.location)
            return nil
        }
        guard let expression = integerExpression(node, what: "'repeat'", orForever: true) else { return nil }
        if let times = expression.constantValue, times < 0 {
            error("'repeat' must be at least 0, not \(times)", at: node.location)
            return nil
        }
        return .times(expression)
    }

    private mutating func queueValue(_ node: YAMLNode) -> QueueValue? {
        // '!!str 42' is the text 42: only an untagged (or '!!int') plain integer is a number.
        if let scalar = node.scalar, scalar.isPlain, node.tag == nil || node.tag == Self.integerTag,
            Self.integerProblem(scalar.text) == nil, let value = Int(scalar.text)
        {
            return .integer(value)
        }
        return template(node, what: "'value'").map { .text($0) }
    }

    mutating func template(_ node: YAMLNode, what: String) -> TextTemplate? {
        if node.mapping != nil, let braced = Self.braced(node) {
            if let placeholder = braced.bareName {
                return parsed("{\(placeholder.value)}", at: placeholder.location, columnsAreExact: false)
            }
            let (expression, problems) = ExpressionSyntax.parse(braced.text, at: braced.start, columnsAreExact: braced.isExact)
            for problem in problems { diagnostics.append(problem) }
            if let expression { return TextTemplate(parts: [.expression(expression)], at: braced.start) }
        }
        guard let scalar = node.scalar, !scalar.isNull else {
            error("\(what) takes text, not \(node.kindDescription)", at: node.location)
            return nil
        }
        // Placeholder columns are exact only when the text is written on one line, as-is.
        let quotes = scalar.isPlain ? 0 : 2
        let exact = scalar.end.line == node.location.line
            && scalar.end.column - node.location.column == scalar.text.unicodeScalars.count + quotes
            && (scalar.style == .plain || scalar.style == .singleQuoted || scalar.style == .doubleQuoted)
        let start = SourceLocation(line: node.location.line, column: node.location.column + (quotes > 0 ? 1 : 0))
        return parsed(scalar.text, at: start, columnsAreExact: exact)
    }

    /// The template, with its problems reported. It is kept even when it has some, so that the
    /// validator also resolves its well-formed placeholders (the file will not run anyway).
    private mutating func parsed(_ text: String, at start: SourceLocation, columnsAreExact: Bool) -> TextTemplate {
        let (template, problems) = TemplateSyntax.parse(text, at: start, columnsAreExact: columnsAreExact)
        for problem in problems { diagnostics.append(problem) }
        return template
    }
}
