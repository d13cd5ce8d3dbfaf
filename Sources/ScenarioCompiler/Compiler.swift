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
            var object = CompiledObject(name: worker.name.value, kind: .worker, instances: Array(range))
            object.hasResult = worker.result != nil
            objects.append(object)
            for index in 1..<(count + 1) {
                var instance = CompiledInstance(
                    name: count == 1 ? worker.name.value : "\(worker.name.value)-\(index)",
                    worker: id, workerName: worker.name.value, index: index, isDaemon: worker.isDaemon,
                    program: program)
                instance.pool = worker.pool.flatMap { ids[$0.value] }
                instances.append(instance)
            }
        }
        var compiler = StepCompiler(ids: ids, workerNames: Set(ast.workers.map(\.name.value)))
        var programs = ast.workers.map { compiler.program($0) }
        let readSets = ReadSets.assign(
            &programs, templates: compiler.templates, putValues: compiler.putValues, expressions: compiler.expressions)
        let expectations = ast.expectations.map { expectation in
            (variable: compiler.id(expectation.variable), value: expectation.value)
        }
        var compiled = CompiledScenario(
            title: scenario.title, path: path, objects: objects, instances: instances, programs: programs,
            templates: compiler.templates, putValues: compiler.putValues, expectations: expectations, expectsDeadlock: ast.expectsDeadlock?.value,
            releasedOutsideWith: compiler.releasedOutsideWith, expressions: compiler.expressions)
        compiled.gil = GILSetting(ast.gil)
        compiled.readSets = readSets
        return compiled
    }
}

/// Compiles steps once names are known, flattening `with` and `repeat` into straight-line code
/// with jumps. Validation guarantees that every name resolves.
private struct StepCompiler {
    let ids: [String: ObjectID]
    /// `join` takes a worker or a queue; these names are the workers.
    let workerNames: Set<String>
    private(set) var templates: [Template] = []
    private(set) var putValues: [PutValue] = []
    private(set) var expressions: [CompiledExpression] = []
    private(set) var releasedOutsideWith: Set<ObjectID> = []
    private var code: [Instruction] = []

    init(ids: [String: ObjectID], workerNames: Set<String>) {
        self.ids = ids
        self.workerNames = workerNames
    }

    /// A worker's program: a pooled one first waits for a slot; one with a `result:` or an
    /// `on_done:` completes its future before the callback's steps.
    mutating func program(_ worker: WorkerDeclaration) -> [Instruction] {
        code = []
        if let pool = worker.pool { append(.enterPool(id(pool)), pool.location) }
        let callback = worker.steps.last.flatMap { if case .callback = $0.action { $0 } else { nil } }
        emit(callback == nil ? worker.steps : Array(worker.steps.dropLast()))
        if worker.result != nil || callback != nil {
            let location = worker.result?.location ?? callback?.location ?? worker.name.location
            append(.complete(result: worker.result.map { operand($0.value) }), location)
        }
        if let callback { emit(callback.action, at: callback.location) }
        return code
    }

    /// The object a name refers to. A `ValidatedScenario` has no undeclared names, so one here is
    /// a bug in validation: carrying on with some other object would run a different scenario.
    func id(_ reference: Reference) -> ObjectID {
        guard let id = ids[reference.value] else {
            preconditionFailure("'\(reference.value)' is not declared, which validation should have reported")
        }
        return id
    }

    private mutating func append(_ operation: Operation, _ location: SourceLocation) {
        code.append(Instruction(operation: operation, location: location))
    }

    private mutating func emit(_ steps: [Step]) {
        for step in steps {
            emit(step.action, at: step.location)
        }
    }

    private mutating func emit(_ action: StepAction, at location: SourceLocation) {
        switch action {
        case .acquire(let target): append(.acquire(id(target)), location)
        case .release(let target):
            releasedOutsideWith.insert(id(target))
            append(.release(id(target)), location)
        case .with(let target, let body):
            append(.acquire(id(target)), location)
            emit(body)
            append(.release(id(target)), location)
        case .sleep(let duration): append(.sleep(nanoseconds: duration.nanoseconds), location)
        case .work(let duration): append(.work(nanoseconds: duration.nanoseconds), location)
        case .increment(let target, let amount):
            let value = operand(amount)
            append(.load(id(target)), location)
            append(.add(id(target), value, sign: 1), location)
        case .decrement(let target, let amount):
            let value = operand(amount)
            append(.load(id(target)), location)
            append(.add(id(target), value, sign: -1), location)
        case .set(let target, let amount):
            let value = operand(amount)
            append(.set(id(target), value), location)
        case .put(let target, let value):
            var index: Int?
            switch value {
            case nil: break
            case .integer(let number): index = putValues.count; putValues.append(.integer(number))
            case .text(let text):
                let value = PutValue.text(template(text))
                index = putValues.count
                putValues.append(value)
            }
            append(.put(id(target), value: index), location)
        case .get(let target): append(.get(id(target)), location)
        case .taskDone(let target): append(.taskDone(id(target)), location)
        case .join(let target):
            append(workerNames.contains(target.value) ? .joinWorker(id(target)) : .joinQueue(id(target)), location)
        case .wait(let target): append(.wait(id(target)), location)
        case .log(let text):
            let value = template(text)
            templates.append(value)
            append(.log(template: templates.count - 1), location)
        case .repeat(let count, let body):
            let start = code.count
            let times: Operand? = if case .times(let expression) = count { operand(expression) } else { nil }
            append(.loopStart(count: times, end: -1), location)  // patched once the end is known
            emit(body)
            code[start] = Instruction(operation: .loopStart(count: times, end: code.count), location: location)
            append(.loopEnd(start: start), location)
        case .asCompleted(let target, let body), .gather(let target, let body):
            let start = code.count
            let ordered = if case .gather = action { true } else { false }
            append(.nextFuture(worker: id(target), inSubmissionOrder: ordered, end: -1), location)
            emit(body)
            code[start] = Instruction(
                operation: .nextFuture(worker: id(target), inSubmissionOrder: ordered, end: code.count), location: location)
            append(.futureEnd(start: start), location)
        case .callback(let body):
            append(.callback, location)
            emit(body)
        case .exit(let status): append(.exit(status: status), location)
        }
    }

    /// A plain constant (one written, or an expression that reads nothing) stays a literal: the
    /// fast path. Anything else that computes becomes a `CompiledExpression`.
    private mutating func operand(_ expression: IntegerExpression) -> Operand {
        if let value = expression.constantValue { return .literal(value) }
        switch expression {
        case .literal(let value): return .literal(value)
        case .variable(let name): return .variable(id(name))
        case .index: return .index
        case .item: return .item
        case .round: return .round
        case .negate, .binary, .builtin:
            expressions.append(CompiledExpression(expression, id: id))
            return .expression(expressions.count - 1)
        }
    }

    private mutating func template(_ text: TextTemplate) -> Template {
        var parts: [Template.Part] = []
        for part in text.parts {
            switch part {
            case .text(let string): parts.append(.text(string))
            case .variable(let name): parts.append(.variable(id(name)))
            case .worker: parts.append(.worker)
            case .index: parts.append(.index)
            case .item: parts.append(.item)
            case .round: parts.append(.round)
            case .future: parts.append(.future)
            case .expression(let expression):
                switch operand(expression) {
                case .literal(let value): parts.append(.text(String(value)))
                case .variable(let object): parts.append(.variable(object))
                case .index: parts.append(.index)
                case .round: parts.append(.round)
                // `{item}` alone is any value, but `{(item)}` is an expression: an integer.
                case .item: parts.append(.expression(compiled(expression)))
                case .expression(let index): parts.append(.expression(index))
                }
            }
        }
        return Template(parts: parts)
    }

    private mutating func compiled(_ expression: IntegerExpression) -> Int {
        expressions.append(CompiledExpression(expression, id: id))
        return expressions.count - 1
    }
}
