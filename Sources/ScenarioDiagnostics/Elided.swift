extension StringProtocol {
    /// Text from the file as a message quotes it: whole when short, else its first characters and
    /// '…'. A message quotes a key or a value each time it is found, and aliases can copy one huge
    /// key thousands of times; quoting it whole would make messages of gigabytes.
    public var elided: String {
        let limit = 80
        // utf8.count is a bound on the scalar count, and quick to get.
        guard utf8.count > limit else { return String(self) }
        let scalars = unicodeScalars.prefix(limit + 1)
        guard scalars.count > limit else { return String(self) }
        return String(String.UnicodeScalarView(scalars.prefix(limit - 1))) + "…"
    }
}
