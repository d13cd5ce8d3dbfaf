import ScenarioDiagnostics
import ScenarioSyntax
import ScenarioValidation

/// Turns a validated scenario into programs over object IDs.
public enum Compiler {
    public static func compile(_ scenario: ValidatedScenario, path: String) -> CompiledScenario {
        let ast = scenario.ast
        var ids: [String: ObjectID] = [:]
        var objects: [CompiledObject] = []
        for declaration in ast.declarations {
            ids[declaration.name.value] = objects.count
            objects.append(CompiledObject(name: declaration.name.value, kind: declaration.kind, instances: []))
        }
        var instances: [CompiledInstance] = []
        for (program, worker) in ast.workers.enumerated() {
            let id = objects.count
            ids[worker.name.value] = id
            let count = worker.instanceCount
            let range = instances.count..<(instances.count + count)
            objects.append(CompiledObject(name: worker.name.value, kind: .worker, instances: Array(range)))
            for index in 1..<(count + 1) {
                instances.append(CompiledInstance(
                    name: count == 1 ? worker.name.value : "\(worker.name.value)-\(index)",
                    worker: id, workerName: worker.name.value, index: index, isDaemon: worker.isDaemon,
                    program: program))
            }
        }
        let compiler = StepCompiler(ids: ids, workerNames: Set(ast.workers.map(\.name.value)))
        let programs = ast.workers.map { compiler.compile($0.steps) }
        let expectations = ast.expectations.compactMap { expectation in
            ids[expectation.variable.value].map { (variable: $0, value: expectation.value) }
        }
        return CompiledScenario(
            title: scenario.title, path: path, objects: objects, instances: instances, programs: programs,
            expectations: expectations, expectsDeadlock: ast.expectsDeadlock?.value)
    }
}

/// Compiles steps once names are known. Validation guarantees every name resolves; a name that
/// does not (impossible after validation) compiles to object 0 rather than crashing.
private struct StepCompiler {
    let ids: [String: ObjectID]
    /// `join` takes a worker or a queue; these names are the workers.
    let workerNames: Set<String>

    func compile(_ steps: [Step]) -> [Instruction] {
        steps.map { Instruction(operation: operation($0.action), location: $0.location) }
    }

    private func id(_ reference: Reference) -> ObjectID { ids[reference.value] ?? 0 }

    private func operation(_ action: StepAction) -> Operation {
        switch action {
        case .acquire(let target): return .acquire(id(target))
        case .release(let target): return .release(id(target))
        case .with(let target, let body): return .with(id(target), body: compile(body))
        case .sleep(let duration): return .sleep(nanoseconds: duration.nanoseconds)
        case .work(let duration): return .work(nanoseconds: duration.nanoseconds)
        case .increment(let target, let amount): return .add(id(target), operand(amount), sign: 1)
        case .decrement(let target, let amount): return .add(id(target), operand(amount), sign: -1)
        case .set(let target, let amount): return .set(id(target), operand(amount))
        case .put(let target, let value):
            switch value {
            case nil: return .put(id(target), nil)
            case .integer(let number): return .put(id(target), .integer(number))
            case .text(let template): return .put(id(target), .text(self.template(template)))
            }
        case .get(let target): return .get(id(target))
        case .taskDone(let target): return .taskDone(id(target))
        case .join(let target):
            return workerNames.contains(target.value) ? .joinWorker(id(target)) : .joinQueue(id(target))
        case .wait(let target): return .wait(id(target))
        case .log(let text): return .log(template(text))
        case .repeat(.forever, let body): return .loop(count: nil, body: compile(body))
        case .repeat(.times(let count), let body): return .loop(count: operand(count), body: compile(body))
        }
    }

    private func operand(_ expression: IntegerExpression) -> Operand {
        switch expression {
        case .literal(let value): .literal(value)
        case .variable(let name): .variable(id(name))
        case .index: .index
        case .item: .item
        case .round: .round
        }
    }

    private func template(_ text: TextTemplate) -> Template {
        Template(parts: text.parts.map { part in
            switch part {
            case .text(let string): .text(string)
            case .variable(let name): .variable(id(name))
            case .worker: .worker
            case .index: .index
            case .item: .item
            case .round: .round
            }
        })
    }
}
