import Foundation
import ScenarioRendering
import Testing

/// The HTML page as bytes: self-contained, with its data and title unable to break out of their place.
struct HTMLTimelineRendererTests {
    func page(_ json: String, title: String = "T") -> String {
        String(decoding: HTMLTimelineRenderer.render(pictureJSON: Array(json.utf8), title: title), as: UTF8.self)
    }

    @Test func theDataBlockHoldsTheJSONWithAngleBracketsAndAmpersandsEscaped() throws {
        let html = page(HTMLPictureFixtures.queueWithHostileText)
        let start = try #require(html.range(of: #"<script type="application/json" id="run-data">"#))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let data = String(html[start.upperBound..<end.lowerBound])
        #expect(!data.contains("<") && !data.contains(">") && !data.contains("&"))
        #expect(data.contains(#"\u003c/script\u003e\u003cscript\u003e"#))
        let parsed = try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
        let original = try JSONSerialization.jsonObject(with: Data(HTMLPictureFixtures.queueWithHostileText.utf8)) as? [String: Any]
        #expect(parsed.map { NSDictionary(dictionary: $0) } == original.map { NSDictionary(dictionary: $0) })
    }

    @Test func theTitleIsEscaped() {
        let html = page("{}", title: "A & <b>\"B\"</title>")
        #expect(html.contains("<title>A &amp; &lt;b&gt;&quot;B&quot;&lt;/title&gt;</title>"))
        #expect(!html.contains("<b>"))
    }

    @Test func thePageNeedsNothingFromOutside() {
        let html = page(HTMLPictureFixtures.rlockSemaphoreBarrier)
        for outside in ["<link", " src=", "@import", "url(http", "fetch(", "XMLHttpRequest", "https://"] {
            #expect(!html.contains(outside), "the page refers to something outside it: \(outside)")
        }
        // The only URL is SVG's namespace name, which is never fetched.
        let urls = html.components(separatedBy: "http://").dropFirst()
        #expect(urls.allSatisfy { $0.hasPrefix("www.w3.org/2000/svg\"") })
    }

    @Test func thePageIsOneDocumentWithOneDataBlockAndOneScript() {
        let html = page(HTMLPictureFixtures.deadlock)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<script").count == 3)
        #expect(html.components(separatedBy: "</script>").count == 3)
        #expect(html.hasSuffix("</html>\n"))
    }
}
