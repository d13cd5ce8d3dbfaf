/// The self-contained HTML page of a run (`--html FILE`): the picture JSON (see `RunPicture`) embedded
/// as data, drawn by inline JavaScript into lanes, arrows, strips and panels.
///
/// Everything the page needs is inside the one file (styles, script, data): no network, no external
/// script, font or stylesheet, so it opens from a `file://` URL, a USB stick or an e-mail attachment.
/// The script is plain standard DOM, SVG and JavaScript, so any current browser draws it.
public enum HTMLTimelineRenderer {
    /// The HTML document for `pictureJSON` (one picture JSON document, version 1), titled `title`.
    ///
    /// The JSON is embedded as-is, except that `<`, `>` and `&` are written `\u003c`, `\u003e` and
    /// `\u0026` (valid JSON, since these characters only occur inside strings), so that no text in
    /// the run, such as a log line containing `</script>`, can end the data block early.
    /// JSON the page cannot read is reported on the page itself, not here.
    public static func render(pictureJSON: [UInt8], title: String) -> [UInt8] {
        var page: [UInt8] = []
        page.reserveCapacity(pictureJSON.count + 64 * 1024)
        func add(_ text: String) { page.append(contentsOf: text.utf8) }
        let escapedTitle = MarkupText.escaped(title)
        add("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="scenario">
            <title>\(escapedTitle)</title>
            <style>
            \(HTMLStyles.css)
            </style>
            </head>
            <body data-status="loading">
            \(HTMLPageSkeleton.body(title: escapedTitle))
            <script type="application/json" id="run-data">
            """)
        HTMLEscaping.appendScriptSafeJSON(pictureJSON, to: &page)
        add("""

            </script>
            <script>
            "use strict";
            (function () {
            \(HTMLScriptData.source)
            \(HTMLScriptAxis.source)
            \(HTMLScriptLanes.source)
            \(HTMLScriptArrows.source)
            \(HTMLScriptStrips.source)
            \(HTMLScriptPanels.source)
            \(HTMLScriptStepThrough.source)
            \(HTMLScriptMarks.source)
            \(HTMLScriptBoot.source)
            })();
            </script>
            </body>
            </html>

            """)
        return page
    }
}
