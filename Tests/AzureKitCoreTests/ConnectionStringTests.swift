import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation
import Testing

@Suite("Connection strings and settings")
struct ConnectionStringTests {
    static let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="

    @Test("account key form builds the blob endpoint from the suffix")
    func accountKey() throws {
        let parsed = try ConnectionString(
            "DefaultEndpointsProtocol=https;AccountName=devacct;AccountKey=\(Self.key);EndpointSuffix=core.chinacloudapi.cn"
        )
        #expect(parsed.blobEndpoint.absoluteString == "https://devacct.blob.core.chinacloudapi.cn")
        #expect(parsed.credential.sharedKey?.accountName == "devacct")
        #expect(parsed.credential.sharedKey?.keyBytes == Array(0...63))
        #expect(!"\(parsed)".contains(Self.key))
    }

    @Test("BlobEndpoint wins over AccountName + EndpointSuffix; SAS form")
    func explicitEndpointAndSAS() throws {
        let parsed = try ConnectionString(
            "BlobEndpoint=https://custom.example.com/;SharedAccessSignature=sv=2026-10-06&sig=abc%3D")
        #expect(parsed.blobEndpoint.absoluteString == "https://custom.example.com/")
        #expect(parsed.credential.sasToken == "sv=2026-10-06&sig=abc%3D")
        #expect(!"\(parsed)".contains("abc%3D"))
    }

    @Test("UseDevelopmentStorage=true is Azurite's well-known account")
    func azurite() throws {
        let parsed = try ConnectionString("UseDevelopmentStorage=true")
        #expect(parsed.blobEndpoint.absoluteString == "http://127.0.0.1:10000/devstoreaccount1")
        #expect(parsed.credential.sharedKey?.accountName == "devstoreaccount1")
    }

    @Test(
        "each malformed string gets an error naming what is wrong",
        arguments: [
            ("", "it is empty"),
            ("   ", "it is empty"),
            ("AccountName=a;AccountKey", "segment 2"),
            ("AccountName=a;=b", "empty key"),
            ("AccountName=a;AccountName=b", "'AccountName' appears more than once"),
            ("DefaultEndpointsProtocol=ftp;AccountName=a", "must be https or http"),
            ("AccountName=;AccountKey=\(ConnectionStringTests.key)", "AccountName is empty"),
            ("AccountKey=\(ConnectionStringTests.key)", "neither AccountName nor BlobEndpoint"),
            ("AccountName=a;AccountKey=not base64!!", "not valid base64"),
            ("BlobEndpoint=not a url", "not an absolute URL"),
            (
                "AccountName=a;AccountKey=\(ConnectionStringTests.key);SharedAccessSignature=sig=x",
                "both AccountKey and SharedAccessSignature"
            ),
            ("AccountName=a;SharedAccessSignature=", "SharedAccessSignature is empty"),
        ])
    func malformed(text: String, expected: String) {
        let error = #expect(throws: AzureClientError.self) { try ConnectionString(text) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
        #expect(error.map { "\($0)" }?.contains(Self.key) == false)
    }

    @Test("settings from the Azure CLI's environment variables")
    func settingsFromEnvironment() throws {
        let settings = try AzureSettings.load(environment: [
            "AZURE_STORAGE_ACCOUNT": "data", "AZURE_STORAGE_KEY": Self.key,
            "AZURE_BATCH_ACCOUNT": "jobs", "AZURE_BATCH_ACCESS_KEY": Self.key,
            "AZURE_BATCH_ENDPOINT": "https://jobs.westeurope.batch.azure.com",
        ])
        #expect(try settings.storage?.blobEndpoint.absoluteString == "https://data.blob.core.windows.net")
        #expect(try settings.batch?.sharedKey?.accountName == "jobs")
        #expect(!settings.isEmpty)
        #expect(!"\(settings)".contains(Self.key))
        #expect(try AzureSettings.load(environment: [:]).isEmpty)
    }

    @Test("a config file fills in what the environment leaves unset")
    func settingsFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("settings-\(UUID().uuidString).json")
        try Data(
            #"{"AZURE_BATCH_ENDPOINT": "https://file.region.batch.azure.com", "AZURE_STORAGE_CONNECTION_STRING": "UseDevelopmentStorage=true"}"#
                .utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let settings = try AzureSettings.load(
            environment: ["AZURE_BATCH_ENDPOINT": "https://env.region.batch.azure.com"], configFile: file)
        #expect(try settings.batch?.endpoint.host == "env.region.batch.azure.com")
        #expect(try settings.batch?.sharedKey == nil)
        #expect(try settings.storage?.accountName == "devstoreaccount1")
    }

    @Test(
        "bad settings are typed errors",
        arguments: [
            ["AZURE_BATCH_ENDPOINT": "http://jobs.westeurope.batch.azure.com"],
            ["AZURE_BATCH_ACCOUNT": "jobs"],
            ["AZURE_STORAGE_ACCOUNT": "data", "AZURE_STORAGE_KEY": "%%%"],
            ["AZURE_STORAGE_CONNECTION_STRING": "garbage"],
        ])
    func badSettings(values: [String: String]) {
        #expect(throws: AzureClientError.self) {
            let settings = try AzureSettings.load(environment: EnvironmentVariables(values))
            _ = try settings.batch
            _ = try settings.storage
        }
    }
}
