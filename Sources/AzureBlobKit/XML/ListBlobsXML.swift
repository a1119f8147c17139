import AzureKitCore
import AzureKitSigning
import Foundation

/// Reads a List Blobs response (`<EnumerationResults>`): blobs, virtual-folder prefixes and `NextMarker`.
///
/// Parsing is lenient: unknown elements are ignored, empty elements mean "absent", and names sent as
/// `<Name Encoded="true">` are percent-decoded.
enum ListBlobsXML {
    static func parse(_ body: Data) throws -> Page<BlobListEntry> {
        let root = try XMLTree.parse(body, context: "List Blobs")
        guard root.name == "EnumerationResults" else {
            throw AzureClientError.unexpectedResponse("List Blobs", "expected <EnumerationResults>, got <\(root.name)>")
        }
        var entries: [BlobListEntry] = []
        for node in root.child("Blobs")?.children ?? [] {
            switch node.name {
            case "Blob": entries.append(.blob(try blob(node)))
            case "BlobPrefix":
                guard let name = node.child("Name").map(decodedName) else { continue }
                entries.append(.prefix(name))
            default: continue
            }
        }
        return Page(items: entries, continuationToken: root.text(of: "NextMarker"))
    }

    private static func blob(_ node: XMLTree) throws -> BlobItem {
        guard let nameNode = node.child("Name") else {
            throw AzureClientError.unexpectedResponse("List Blobs", "a <Blob> has no <Name>")
        }
        let properties = node.child("Properties")
        func property(_ name: String) -> String? {
            guard let text = properties?.text(of: name), !text.isEmpty else { return nil }
            return text
        }
        var metadata: [String: String] = [:]
        for entry in node.child("Metadata")?.children ?? [] { metadata[entry.name] = entry.text }
        return BlobItem(
            name: decodedName(nameNode), etag: property("Etag").map(BlobRequestConditions.quoted),
            contentLength: property("Content-Length").flatMap { Int64($0) }, contentType: property("Content-Type"),
            contentMD5: property("Content-MD5"), lastModified: property("Last-Modified").flatMap(HTTPDate.parse),
            blobType: property("BlobType").map(BlobType.init(rawValue:)),
            accessTier: property("AccessTier").map(AccessTier.init(rawValue:)),
            snapshot: node.text(of: "Snapshot").flatMap { $0.isEmpty ? nil : $0 },
            versionID: node.text(of: "VersionId").flatMap { $0.isEmpty ? nil : $0 },
            isDeleted: node.text(of: "Deleted") == "true", metadata: metadata)
    }

    private static func decodedName(_ node: XMLTree) -> String {
        guard node.attributes["Encoded"] == "true" else { return node.text }
        return PercentEncoding.decode(node.text) ?? node.text
    }
}
