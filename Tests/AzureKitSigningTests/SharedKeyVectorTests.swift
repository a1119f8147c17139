import AzureKitSigning
import Foundation
import Testing

@Suite("Shared Key vectors (computed by azure-storage-blob 12.31.1 / azure-batch 15.1.0)")
struct SharedKeyVectorTests {
    @Test("Vector files decode and are not empty")
    func vectorFilesDecode() throws {
        #expect(
            try JSONDecoder().decode([SharedKeyVector].self, from: Vectors.data("blob-sharedkey")).count
                == Vectors.blob.count)
        #expect(
            try JSONDecoder().decode([SharedKeyVector].self, from: Vectors.data("batch-sharedkey")).count
                == Vectors.batch.count)
        #expect(try JSONDecoder().decode([SASVector].self, from: Vectors.data("sas")).count == Vectors.sas.count)
        #expect(!Vectors.blob.isEmpty && !Vectors.batch.isEmpty && !Vectors.sas.isEmpty)
    }

    @Test("Storage string to sign and Authorization match byte for byte", arguments: Vectors.blob)
    func storage(vector: SharedKeyVector) throws {
        try check(vector, scheme: .storage)
    }

    @Test("Batch string to sign and Authorization match byte for byte", arguments: Vectors.batch)
    func batch(vector: SharedKeyVector) throws {
        try check(vector, scheme: .batch)
    }

    private func check(_ vector: SharedKeyVector, scheme: SharedKeyScheme) throws {
        let signer = try SharedKeySigner(accountName: vector.accountName, accountKey: vector.accountKey)
        let url = try #require(URL(string: vector.url))
        let sts = try signer.stringToSign(method: vector.method, url: url, headers: vector.headerList, scheme: scheme)
        #expect(sts == vector.stringToSign)
        let auth = try signer.authorization(method: vector.method, url: url, headers: vector.headerList, scheme: scheme)
        #expect(auth == vector.authorization)
        #expect(
            signer.signature(forStringToSign: vector.stringToSign)
                == vector.authorization.split(separator: ":").last.map(String.init))
    }
}
