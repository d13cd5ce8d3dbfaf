// swift-tools-version: 6.0
import PackageDescription

/// The pipeline, one module per stage:
/// CYAML (libyaml) → ScenarioYAML (node tree with positions) → ScenarioSyntax (AST)
/// → ScenarioValidation (ValidatedScenario) → ScenarioCompiler (CompiledScenario)
/// → ScenarioRuntime (the engine-neutral core: interpreter, primitives, progress analysis, RunReport)
/// → one module per engine (ScenarioThreads, ScenarioAsync, ScenarioSimulate), and ScenarioProcesses (the child
/// processes of process pools, for any engine that runs real ones) → ScenarioRendering (text, JSON)
/// → ScenarioDiff (`scenario diff`: two recorded runs compared) → ScenarioCLI → `scenario` (thin @main).
/// ScenarioDiagnostics is shared by every stage: problems are values, printed together.
let package = Package(
    name: "scenario",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scenario", targets: ["scenario"]),
        .library(name: "ScenarioCLI", targets: ["ScenarioCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "ScenarioDiagnostics"),
        .target(name: "ScenarioYAML", dependencies: ["CYAML", "ScenarioDiagnostics"]),
        .target(name: "ScenarioSyntax", dependencies: ["ScenarioYAML", "ScenarioDiagnostics"]),
        .target(name: "ScenarioValidation", dependencies: ["ScenarioSyntax", "ScenarioDiagnostics"]),
        .target(name: "ScenarioCompiler", dependencies: ["ScenarioValidation"]),
        .target(name: "ScenarioRuntime", dependencies: ["ScenarioCompiler", "ScenarioDiagnostics"]),
        .target(name: "ScenarioThreads", dependencies: ["ScenarioRuntime"]),
        .target(name: "CProcessShim"),
        .target(name: "ScenarioProcesses", dependencies: ["ScenarioRuntime", "ScenarioCompiler", "CProcessShim"]),
        .target(name: "ScenarioAsync", dependencies: ["ScenarioRuntime"]),
        .target(name: "ScenarioSimulate", dependencies: ["ScenarioRuntime", "ScenarioDiagnostics"]),
        .target(name: "ScenarioRendering", dependencies: ["ScenarioRuntime", "ScenarioDiagnostics"]),
        .target(name: "ScenarioDiff", dependencies: ["ScenarioRuntime", "ScenarioRendering", "ScenarioDiagnostics"]),
        .target(
            name: "ScenarioCLI",
            dependencies: [
                "ScenarioValidation",
                "ScenarioRuntime",
                "ScenarioThreads",
                "ScenarioAsync",
                "ScenarioSimulate",
                "ScenarioRendering",
                "ScenarioDiff",
                "ScenarioProcesses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "scenario", dependencies: ["ScenarioCLI"]),
        .testTarget(name: "ScenarioYAMLTests", dependencies: ["ScenarioYAML"]),
        .testTarget(name: "ScenarioLanguageTests", dependencies: ["ScenarioValidation"]),
        .testTarget(name: "ScenarioAsyncTests", dependencies: ["ScenarioAsync", "ScenarioRuntime", "ScenarioValidation"]),
        .testTarget(
            name: "ScenarioSimulateTests",
            dependencies: ["ScenarioSimulate", "ScenarioRuntime", "ScenarioValidation", "ScenarioCompiler", "ScenarioRendering"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "ScenarioRuntimeTests", dependencies: ["ScenarioRuntime", "ScenarioThreads", "ScenarioValidation"]),
        .testTarget(
            name: "ScenarioRenderingTests",
            // `scenario`: the browser tests load pages that the built binary wrote.
            dependencies: ["ScenarioRendering", "ScenarioThreads", "ScenarioValidation", "ScenarioCompiler", "scenario"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "ScenarioDiffTests", dependencies: ["ScenarioDiff", "ScenarioRendering", "ScenarioRuntime"]),
        .testTarget(
            name: "ScenarioConformanceTests",
            dependencies: [
                "ScenarioRuntime", "ScenarioThreads", "ScenarioAsync", "ScenarioSimulate", "ScenarioValidation",
                "ScenarioCompiler", "ScenarioProcesses", "scenario",
            ],
            exclude: ["Scenarios"]
        ),
        .testTarget(name: "ScenarioCLITests", dependencies: ["ScenarioCLI", "scenario"], exclude: ["Fixtures", "Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
