import Foundation
import ScenarioCLI

// The executable is a thin shell over ScenarioCLI, so that tests can run every command in-process.
let status = await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
