import Foundation
import Testing

/// One Shared Key vector from `Vectors/*-sharedkey.json`.
struct SharedKeyVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let accountName: String
    let accountKey: String
    let method: String
    let url: String
    let headers: [String: String]
    let stringToSign: String
    let authorization: String

    var testDescription: String { name }
    var headerList: [(name: String, value: String)] { headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}

/// One SAS vector from `Vectors/sas.json`.
struct SASVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Inputs: Decodable, Sendable {
        let account_name: String
        let container_name: String?
        let blob_name: String?
        let resource_types: String?
        let services: String?
        let permission: String
        let start: String?
        let expiry: String?
        let `protocol`: String?
        let accountKey: String
    }

    let name: String
    let function: String
    let inputs: Inputs
    let signedVersion: String
    let stringToSign: String
    let signature: String
    let queryString: String
    let queryParameters: [String: String]
    let exampleUrl: String

    var testDescription: String { name }
}

enum Vectors {
    static func data(_ file: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Vectors"))
        return try Data(contentsOf: url)
    }

    static func load<T: Decodable>(_ file: String, as: T.Type = T.self) -> [T] {
        // Parameterized test arguments are computed eagerly; a broken file shows up as zero cases,
        // which `VectorFileTests` catches.
        (try? JSONDecoder().decode([T].self, from: data(file))) ?? []
    }

    static let blob: [SharedKeyVector] = load("blob-sharedkey")
    static let batch: [SharedKeyVector] = load("batch-sharedkey")
    static let sas: [SASVector] = load("sas")
}
