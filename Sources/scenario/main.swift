import Foundation
import ScenarioCLI

// The executable is a thin shell over ScenarioCLI, so that tests can run every command in-process.
// First, before any file is opened: a closed stdout or stderr must not be taken by another file.
StandardDescriptors.reserveClosed()
let status = await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
