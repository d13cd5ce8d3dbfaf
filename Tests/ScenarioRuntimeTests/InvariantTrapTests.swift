import Foundation
@testable import ScenarioCompiler
import ScenarioRuntime
import ScenarioThreads
import ScenarioSyntax
@testable import ScenarioValidation
import ScenarioYAML
import Testing

/// States that validation rules out trap with a message instead of being quietly papered over
/// (an unknown name compiled to object 0; a step on an object of the wrong kind was skipped), which
/// would run a different scenario than the one written. Each case runs in a child process, since
/// a trap ends the process; before, each one exited normally.
@Suite("Impossible states trap")
struct InvariantTrapTests {
    @Test func compilingAnUndeclaredNameTraps() async {
        await #expect(processExitsWith: .failure) {
            let yaml = """
                scenario: Unchecked
                variables:
                  counter: 0
                workers:
                  w:
                    - increment: nowhere
                """
            guard let root = YAMLLoader().load(Array(yaml.utf8)).root else { exit(0) }
            let (ast, _) = ScenarioAST.parse(root)
            // Skips validation, which would have reported 'nowhere'.
            _ = Compiler.compile(ValidatedScenario(ast: ast, symbols: SymbolTable()), path: "t.yaml")
            exit(0)
        }
    }

    @Test func aStepOnAnObjectOfTheWrongKindTraps() async {
        await #expect(processExitsWith: .failure) {
            guard let compiled = try? compileScenario("""
                scenario: Tampered
                variables:
                  counter: 0
                locks:
                  door: lock
                workers:
                  w:
                    - increment: counter
                """)
            else { exit(0) }
            // `increment` of the lock instead of the variable: no validated scenario compiles to this.
            let door = compiled.objects.firstIndex { $0.name == "door" } ?? 0
            let program = compiled.programs[0].map { instruction in
                guard case .add(_, let operand, let sign) = instruction.operation else { return instruction }
                return Instruction(operation: .add(door, operand, sign: sign), location: instruction.location)
            }
            let tampered = CompiledScenario(
                title: compiled.title, path: compiled.path, objects: compiled.objects, instances: compiled.instances,
                programs: [program], templates: compiled.templates, putValues: compiled.putValues,
                expectations: compiled.expectations, expectsDeadlock: compiled.expectsDeadlock,
                releasedOutsideWith: compiled.releasedOutsideWith)
            _ = ThreadsEngine.runBlocking(tampered)
            exit(0)
        }
    }

    @Test func waitingOnSomethingOtherThanABarrierTraps() async {
        await #expect(processExitsWith: .failure) {
            guard let compiled = try? compileScenario("""
                scenario: Tampered
                queues:
                  jobs: 0
                barriers:
                  gate: 1
                workers:
                  w:
                    - wait: gate
                """)
            else { exit(0) }
            let jobs = compiled.objects.firstIndex { $0.name == "jobs" } ?? 0
            let program = compiled.programs[0].map { instruction in
                Instruction(operation: .wait(jobs), location: instruction.location)
            }
            let tampered = CompiledScenario(
                title: compiled.title, path: compiled.path, objects: compiled.objects, instances: compiled.instances,
                programs: [program], templates: compiled.templates, putValues: compiled.putValues,
                expectations: compiled.expectations, expectsDeadlock: compiled.expectsDeadlock,
                releasedOutsideWith: compiled.releasedOutsideWith)
            _ = ThreadsEngine.runBlocking(tampered)
            exit(0)
        }
    }
}
