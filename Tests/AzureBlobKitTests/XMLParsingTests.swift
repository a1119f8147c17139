import AzureKitCore
import Foundation
import Testing

@testable import AzureBlobKit

@Suite struct XMLParsingTests {
    static let malformed = [
        "", "   ", "not xml", "<", "<EnumerationResults", "<EnumerationResults><Blobs>", "<a></b>", "<a x=1></a>",
        "<a x=\"1></a>", "<!-- only a comment -->", "<?xml version=\"1.0\"?>",
        "<EnumerationResults><![CDATA[x</EnumerationResults>",
        String(repeating: "<a>", count: 500) + String(repeating: "</a>", count: 500),
    ]

    @Test(arguments: malformed)
    func malformedListingsFailWithAClientError(_ text: String) {
        #expect(throws: AzureClientError.self) { _ = try ListBlobsXML.parse(Data(text.utf8)) }
    }

    @Test func truncatedListingsNeverCrash() throws {
        let page = """
            <?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName="c"><Blobs><Blob><Name>a&amp;b &#233;&#x4E2D;</Name>\
            <Properties><Content-Length>12</Content-Length></Properties></Blob></Blobs><NextMarker /></EnumerationResults>
            """
        let data = Data(page.utf8)
        let parsed = try ListBlobsXML.parse(data)
        #expect(parsed.items.map(\.name) == ["a&b é中"])
        #expect(parsed.continuationToken == nil)
        for cut in stride(from: 0, to: data.count - 1, by: 7) {
            _ = try? ListBlobsXML.parse(data.prefix(cut))  // any outcome but a crash
        }
    }

    @Test func entitiesAreDecodedOnce() throws {
        let tree = try XMLTree.parse(
            Data("<a>&amp;lt; &#38;amp; &lt;&gt;&quot;&apos; &bogus; &#xZZ; a&b</a>".utf8), context: "test")
        #expect(tree.text == "&lt; &amp; <>\"' &bogus; &#xZZ; a&b")
    }

    @Test func blockListEscapesAndOrders() {
        let body = String(decoding: BlockListXML.body(blockIDs: ["MDAw", "MDAx"]), as: UTF8.self)
        #expect(
            body
                == "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList><Latest>MDAw</Latest><Latest>MDAx</Latest></BlockList>"
        )
    }
}
