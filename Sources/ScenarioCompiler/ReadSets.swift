/// Which shared variables each step reads, so that the runtime can read them, and record the
/// step's event, while no write of them runs: the timeline then orders the reads among the
/// variables' writes as they happened, on real threads too. Without it, `log: "{counter}"`
/// could read 55, let others write, and record its event after their writes; a replay of
/// that timeline, running the log at its place, would print another number.
enum ReadSets {
    /// Sets `Instruction.readSet` on every instruction that reads a variable and returns the
    /// sets, each sorted (the runtime locks them in that order) and without repeats. A step that
    /// writes a variable from values it reads (`set`, `increment … by:`) has its target in the set too.
    static func assign(
        _ programs: inout [[Instruction]], templates: [Template], putValues: [PutValue], expressions: [CompiledExpression]
    ) -> [[ObjectID]] {
        var sets: [[ObjectID]] = []
        var known: [[ObjectID]: Int] = [:]
        func variables(_ operand: Operand?) -> [ObjectID] {
            switch operand {
            case .variable(let object): [object]
            case .expression(let index): variables(expressions[index])
            default: []
            }
        }
        func variables(_ expression: CompiledExpression) -> [ObjectID] {
            expression.code.compactMap { if case .variable(let object) = $0 { object } else { nil } }
        }
        func variables(_ template: Template) -> [ObjectID] {
            template.parts.flatMap { part -> [ObjectID] in
                switch part {
                case .variable(let object): [object]
                case .expression(let index): variables(expressions[index])
                default: []
                }
            }
        }
        for program in programs.indices {
            for pc in programs[program].indices {
                let read: [ObjectID]
                switch programs[program][pc].operation {
                case .add(let target, let operand, _):
                    let operands = variables(operand)
                    read = operands.isEmpty ? [] : operands + [target]
                case .set(let target, let operand):
                    let operands = variables(operand)
                    read = operands.isEmpty ? [] : operands + [target]
                case .put(_, let value?):
                    if case .text(let template) = putValues[value] { read = variables(template) } else { read = [] }
                case .log(let template): read = variables(templates[template])
                case .loopStart(let count, _): read = variables(count)
                case .complete(let result): read = variables(result)
                default: read = []
                }
                guard !read.isEmpty else { continue }
                let set = Array(Set(read)).sorted()
                let index = known[set] ?? sets.count
                if index == sets.count {
                    known[set] = index
                    sets.append(set)
                }
                programs[program][pc].readSet = index
            }
        }
        return sets
    }
}
