import AzureKitCore
import Foundation

extension InMemoryBlobStore {
    /// List Blobs (`GET <container>?restype=container&comp=list`): every blob whose name starts with `prefix`,
    /// in name order, in one page (no `maxresults` paging). A `delimiter` is refused rather than ignored: the store
    /// does not roll names up into virtual folders.
    func listBlobs(_ request: Request) -> HTTPResponse {
        guard request.query["delimiter"] == nil else {
            return error(400, "UnsupportedOperation", "the in-memory store lists without a delimiter only")
        }
        let prefix = request.query["prefix"] ?? ""
        let keyPrefix = "\(request.container)/\(prefix)"
        let listed: [(name: String, blob: StoredBlob)] = withLock {
            storedBlobKeys.filter { $0.hasPrefix(keyPrefix) }.sorted().compactMap { key in
                storedBlob(key).map { (String(key.dropFirst(request.container.count + 1)), $0) }
            }
        }
        var xml = #"<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName=""#
        xml += XMLText.escape(request.container) + #""><Prefix>"# + XMLText.escape(prefix) + "</Prefix><Blobs>"
        for (name, blob) in listed {
            xml += "<Blob><Name>\(XMLText.escape(name))</Name><Properties>"
            xml += "<Content-Length>\(blob.syntheticLength ?? blob.data.count)</Content-Length>"
            xml += "<Etag>\(XMLText.escape(blob.etag))</Etag><BlobType>BlockBlob</BlobType>"
            if let type = blob.contentType { xml += "<Content-Type>\(XMLText.escape(type))</Content-Type>" }
            xml += "</Properties></Blob>"
        }
        xml += "</Blobs><NextMarker /></EnumerationResults>"
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/xml"], body: Data(xml.utf8))
    }
}
