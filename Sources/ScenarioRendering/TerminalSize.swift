import Foundation

/// The width of the terminal that standard output goes to.
public enum TerminalSize {
    /// Columns of the terminal on standard output; else `$COLUMNS`; else `fallback`.
    public static func columns(fallback: Int = 100) -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        return fallback
    }
}
