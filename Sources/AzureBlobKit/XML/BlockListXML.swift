import AzureKitCore
import Foundation

/// Writes a Put Block List body: every id as `<Latest>`, in the blob's byte order.
enum BlockListXML {
    static func body(blockIDs: [String]) -> Data {
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>"
        text.reserveCapacity(60 + blockIDs.count * 80)
        for id in blockIDs { text += "<Latest>\(XMLText.escape(id))</Latest>" }
        text += "</BlockList>"
        return Data(text.utf8)
    }
}
