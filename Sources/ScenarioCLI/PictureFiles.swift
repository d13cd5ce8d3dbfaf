import ScenarioRendering

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pictures a command draws of one run (`--trace`, `--html`, `--svg`), opened before the
/// run, as `--timeline` is, so that a path that cannot be written is refused before the run
/// rather than lost after it. All of them are drawn from one `RunPicture`, made once.
struct PictureFiles {
    /// One kind of picture, and how it is drawn from the picture value.
    enum Kind: CaseIterable {
        case trace, html, svg

        /// What the file holds, for messages: "cannot open the HTML page: …".
        var purpose: String {
            switch self {
            case .trace: "the trace file"
            case .html: "the HTML page"
            case .svg: "the SVG picture"
            }
        }

        /// The option that asks for it.
        var option: String {
            switch self {
            case .trace: "--trace"
            case .html: "--html"
            case .svg: "--svg"
            }
        }

        func draw(_ picture: RunPicture) -> [UInt8] {
            switch self {
            case .trace: ChromeTrace.json(picture)
            case .html: HTMLTimelineRenderer.render(pictureJSON: picture.json(), title: picture.pageTitle)
            case .svg: SVGTimelineRenderer.render(picture)
            }
        }
    }

    private var outputs: [(kind: Kind, file: OutputFile)] = []

    /// No picture was asked for.
    var isEmpty: Bool { outputs.isEmpty }

    /// Opens the paths given (nil: that picture was not asked for), in the order trace, HTML, SVG;
    /// prints why one cannot be opened and exits with code 2.
    /// - Parameter inputs: the command's input files, which no picture may overwrite.
    static func open(_ paths: [Kind: String], console: Console, refusing inputs: [String]) throws -> PictureFiles {
        var files = PictureFiles()
        for kind in Kind.allCases {
            guard let path = paths[kind] else { continue }
            do throws(OutputFileError) {
                files.outputs.append((kind, try OutputFile.open(path, purpose: kind.purpose, console: console, refusing: inputs)))
            } catch {
                if let message = error.message { console.err(message + "\n") }
                throw ExitStatus.invalid.exitCode
            }
        }
        return files
    }

    /// Draws every picture asked for and closes its file; the message to print for the first
    /// that could not be written (nil when all were, or when standard output failed, which the
    /// command reports as it ends).
    func write(_ picture: RunPicture) -> String? {
        var firstFailure: String?
        for output in outputs {
            let failure = TraceOutput.write(output.kind.draw(picture), to: output.file)
            firstFailure = firstFailure ?? failure
        }
        return firstFailure
    }
}

/// Of the outputs that write to standard output when given `-`, the first two that would both
/// do so, as a sentence for `ValidationError`; nil when at most one does.
/// - Parameter claims: each option as written (`--html -`, `--format json`) and whether it claims
///   standard output, in the order the message should name them.
func standardOutputConflict(_ claims: [(option: String, claims: Bool)]) -> String? {
    let claiming = claims.filter(\.claims).map(\.option)
    guard claiming.count > 1 else { return nil }
    let (first, second) = (claiming[0], claiming[1])
    let fix = second == "--format json"
        ? "give \(first.dropLast(2)) a file" : "give one of them a file"
    return "\(first) and \(second) would both write to standard output; \(fix)"
}

/// Two output options naming one file (the same path, or two names of one existing file): each
/// would truncate what the other wrote, and the run's data would be lost. Standard output (`-`)
/// is `standardOutputConflict`'s.
func sameFileConflict(_ outputs: [(option: String, path: String?)]) -> String? {
    let named = outputs.compactMap { output in output.path.map { (output.option, $0) } }.filter { $0.1 != "-" }
    for (index, first) in named.enumerated() {
        for second in named[(index + 1)...] where first.1 == second.1 || sameExistingFile(first.1, second.1) {
            let names = first.1 == second.1 ? "name the same file, '\(first.1)'" : "name the same file ('\(first.1)' and '\(second.1)')"
            return "\(first.0) and \(second.0) \(names); each would overwrite the other: give them different files"
        }
    }
    return nil
}

/// Whether both paths name one existing file (symbolic links followed, hard links included).
private func sameExistingFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino
}
