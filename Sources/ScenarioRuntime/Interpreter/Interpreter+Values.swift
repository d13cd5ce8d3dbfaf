import ScenarioCompiler

/// Reading operands and filling in text placeholders (expressions: Interpreter+Expressions.swift).
extension Interpreter {
    func value(of operand: Operand, at instruction: Instruction) throws(InstanceExit) -> Int {
        switch operand {
        case .literal(let value):
            return value
        case .variable(let object):
            return variable(object).load()
        case .index:
            return info.index
        case .round:
            return round
        case .expression(let index):
            return try evaluate(index, at: instruction)
        case .item:
            switch item {
            case .integer(let value):
                return value
            case .text(let text):
                throw fail("'{item}' is \"\(text)\", which is not an integer", at: instruction)
            case .none:
                throw fail("'{item}' is used before this instance got anything from a queue", at: instruction)
            }
        }
    }

    /// The item a `put` step puts.
    func render(_ value: PutValue, at instruction: Instruction) throws(InstanceExit) -> EventValue {
        switch value {
        case .integer(let number):
            return .integer(number)
        case .text(let template):
            // One placeholder and nothing else keeps the type of what it reads, as `q.put(i * 10)`
            // puts an int in Python: "{i * 10}" puts the integer 10, "{item}" the item as it was got.
            if template.parts.count == 1, let whole = try wholeValue(template.parts[0], at: instruction) { return whole }
            let item = try text(template, at: instruction)
            try admit(item, at: instruction)
            return .text(item)
        }
    }

    /// The value a placeholder reads when it is a whole `put` value; nil for text (`{worker}`).
    private func wholeValue(_ part: Template.Part, at instruction: Instruction) throws(InstanceExit) -> EventValue? {
        switch part {
        case .index: .integer(info.index)
        case .round: .integer(round)
        case .variable(let object): .integer(variable(object).load())
        case .expression(let index): .integer(try evaluate(index, at: instruction))
        case .item:
            // Before any `get`, the text path writes "(none)", as in a log.
            if case .none = item { nil } else { item }
        case .text, .worker, .future: nil
        }
    }

    /// Counts a new text value against the run's budget of text: log lines and text items live in
    /// memory until the run ends, and the event limit does not bound them.
    func admit(_ text: String, at instruction: Instruction) throws(InstanceExit) {
        guard recorder.admitText(text) else {
            throw fail(
                "'\(info.name)' takes the run's text (log lines and text items) past \(recorder.textLimit) bytes, "
                    + "the most one run may keep", at: instruction)
        }
    }

    /// The text with its placeholders filled in; an expression in it can fail, as a runtime error at the step.
    func text(_ template: Template, at instruction: Instruction) throws(InstanceExit) -> String {
        var result = ""
        for part in template.parts {
            switch part {
            case .text(let text): result += text
            case .worker: result += info.name
            case .index: result += String(info.index)
            case .round: result += String(round)
            case .future: result += context.scenario.instances[handledFuture].name
            case .item:
                switch item {
                case .integer(let value): result += String(value)
                case .text(let text): result += text
                case .none: result += "(none)"
                }
            case .variable(let object):
                result += String(variable(object).load())
            case .expression(let index):
                result += String(try evaluate(index, at: instruction))
            }
        }
        return result
    }

    /// `{round}`: the round of the innermost `repeat`, which validation made sure there is.
    var round: Int {
        guard let loop = loops.last else { preconditionFailure("'{round}' is read outside any 'repeat'") }
        return loop.round
    }
}
