import AzureKitSigning
import Foundation
import Testing

@Suite("SAS vectors (computed by azure-storage-blob 12.31.1)")
struct SASVectorTests {
    @Test("String to sign, signature, query string and parameters match byte for byte", arguments: Vectors.sas)
    func sasVector(vector: SASVector) throws {
        let inputs = vector.inputs
        let signer = try SharedKeySigner(accountName: inputs.account_name, accountKey: inputs.accountKey)
        let token: SASToken
        switch vector.function {
        case "generate_blob_sas":
            var values = BlobSASValues(
                resource: .blob(container: try #require(inputs.container_name), name: try #require(inputs.blob_name)),
                permissions: try BlobSASPermissions(letters: inputs.permission),
                start: try inputs.start.map(Self.date), expiry: try inputs.expiry.map(Self.date),
                version: vector.signedVersion
            )
            values.protocols = inputs.protocol.map(SASProtocol.init(rawValue:))
            token = try signer.blobSAS(values)
        case "generate_account_sas":
            var values = AccountSASValues(
                services: try AccountSASServices(letters: try #require(inputs.services)),
                resourceTypes: try AccountSASResourceTypes(letters: try #require(inputs.resource_types)),
                permissions: try AccountSASPermissions(letters: inputs.permission),
                start: try inputs.start.map(Self.date), expiry: try Self.date(try #require(inputs.expiry)),
                version: vector.signedVersion
            )
            values.protocols = inputs.protocol.map(SASProtocol.init(rawValue:))
            token = try signer.accountSAS(values)
        default:
            Issue.record("Unknown SAS function \(vector.function) in vector \(vector.name)")
            return
        }
        #expect(token.stringToSign == vector.stringToSign)
        #expect(token.signature == vector.signature)
        #expect(signer.signature(forStringToSign: vector.stringToSign) == vector.signature)
        #expect(token.queryString == vector.queryString)
        #expect(
            Dictionary(uniqueKeysWithValues: token.parameters.map { ($0.name, $0.value) }) == vector.queryParameters)
    }

    @Test("Example URL = blob path encoded with '/' kept + '?' + token", arguments: Vectors.sas)
    func exampleURL(vector: SASVector) throws {
        let host = "https://\(vector.inputs.account_name).blob.core.windows.net/"
        var path = ""
        if let container = vector.inputs.container_name, let blob = vector.inputs.blob_name {
            path = PercentEncoding.encode(container + "/" + blob, safe: "/")
        }
        #expect(host + path + "?" + vector.queryString == vector.exampleUrl)
    }

    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), "not an ISO 8601 date: \(text)")
    }
}
