/// The embedded JSON made safe inside the page's `<script>` element (element text: `MarkupText`).
enum HTMLEscaping {
    /// Appends `json` with `<`, `>` and `&` written as JSON escapes (`\u003c` …).
    ///
    /// Byte by byte is enough: these are ASCII, and in UTF-8 an ASCII byte is never part of a longer
    /// character. In valid JSON they only occur inside strings, where the escape means the same
    /// character, so `JSON.parse` reads the original text back while the HTML parser never sees
    /// `</script` or `<!--` in the data block.
    static func appendScriptSafeJSON(_ json: [UInt8], to page: inout [UInt8]) {
        // Copies the runs between escapes in bulk: a picture can be tens of megabytes.
        json.withUnsafeBufferPointer { source in
            var start = 0
            for index in 0..<source.count {
                let escape: StaticString
                switch source[index] {
                case UInt8(ascii: "<"): escape = #"\u003c"#
                case UInt8(ascii: ">"): escape = #"\u003e"#
                case UInt8(ascii: "&"): escape = #"\u0026"#
                default: continue
                }
                page.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                escape.withUTF8Buffer { page.append(contentsOf: $0) }
                start = index + 1
            }
            page.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
        }
    }
}
