import ScenarioCompiler

/// Reading operands and filling in text placeholders.
extension InstanceRunner {
    func value(of operand: Operand, at instruction: Instruction) throws(InstanceExit) -> Int {
        switch operand {
        case .literal(let value):
            return value
        case .variable(let object):
            guard case .variable(let cell) = objects[object] else { return 0 }
            return cell.load()
        case .index:
            return info.index
        case .round:
            return loops.last?.round ?? 0
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

    func render(_ value: PutValue) -> EventValue {
        switch value {
        case .integer(let number): .integer(number)
        case .text(let template): .text(text(template))
        }
    }

    func text(_ template: Template) -> String {
        var result = ""
        for part in template.parts {
            switch part {
            case .text(let text): result += text
            case .worker: result += info.name
            case .index: result += String(info.index)
            case .round: result += String(loops.last?.round ?? 0)
            case .item:
                switch item {
                case .integer(let value): result += String(value)
                case .text(let text): result += text
                case .none: result += "(none)"
                }
            case .variable(let object):
                if case .variable(let cell) = objects[object] {
                    result += String(cell.load())
                }
            }
        }
        return result
    }
}
