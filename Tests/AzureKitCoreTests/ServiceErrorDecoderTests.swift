import AzureBatchKit
import AzureBlobKit
import AzureKitCore
import Foundation
import Testing

@Suite("Service error decoding")
struct ServiceErrorDecoderTests {
    @Test func batchJSONBody() {
        let body = #"""
            {"odata.metadata":"https://a.batch.azure.com/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
             "code":"PoolExists","message":{"lang":"en-US","value":"The specified pool already exists.\nRequestId:abc\nTime:2025-10-01T12:00:00Z"},
             "values":[{"key":"Reason","value":"Duplicate"}]}
            """#
        let error = ServiceErrorDecoder.batchJSON.decode(
            HTTPResponse(status: 409, headers: ["request-id": "rid-1"], body: Data(body.utf8)),
            operation: "Pool_Add", clientRequestID: "crid-1")
        #expect(error.status == 409)
        #expect(error.code == "PoolExists")
        #expect(error.message.hasPrefix("The specified pool already exists."))
        #expect(error.details == ["Reason": "Duplicate"])
        #expect(error.requestID == "rid-1")
        #expect(error.clientRequestID == "crid-1")
        #expect(
            error.description
                == "Pool_Add failed: HTTP 409 PoolExists: The specified pool already exists. (request id rid-1)")
    }

    @Test(arguments: [
        (
            #"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#, "InvalidAuthenticationToken",
            "expired"
        ),
        (
            #"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}"#, "UNAUTHORIZED",
            "authentication required"
        ),
        (#"{"code":"JobNotFound","message":"no such job"}"#, "JobNotFound", "no such job"),
    ])
    func otherJSONShapes(body: String, code: String, message: String) {
        let error = ServiceErrorDecoder.batchJSON.decode(
            HTTPResponse(status: 401, body: Data(body.utf8)), operation: "x", clientRequestID: nil)
        #expect(error.code?.rawValue == code)
        #expect(error.message == message)
    }

    @Test func storageXMLBody() {
        let body = """
            <?xml version="1.0" encoding="utf-8"?><Error><Code>ContainerNotFound</Code><Message>The specified container does not exist.
            RequestId:0f3</Message><QueryParameterName>restype</QueryParameterName><Note>a &amp; b &lt;c&gt;</Note></Error>
            """
        let error = ServiceErrorDecoder.storageXML.decode(
            HTTPResponse(
                status: 404, headers: ["x-ms-request-id": "0f3", "x-ms-error-code": "ContainerNotFound"],
                body: Data(body.utf8)),
            operation: "Container_GetProperties", clientRequestID: nil)
        #expect(error.code == "ContainerNotFound")
        #expect(error.message.hasPrefix("The specified container does not exist."))
        #expect(error.details["QueryParameterName"] == "restype")
        #expect(error.details["Note"] == "a & b <c>")
        #expect(error.requestID == "0f3")
    }

    static let garbage: [(String, Data)] = [
        ("empty", Data()),
        ("garbage bytes", Data([0xFF, 0xFE, 0x00, 0x9C, 0x42])),
        ("truncated JSON", Data(#"{"code":"PoolExi"#.utf8)),
        ("truncated XML", Data("<?xml version=\"1.0\"?><Error><Code>BlobNotF".utf8)),
        (
            "HTML",
            Data("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>".utf8)
        ),
        ("JSON array", Data("[1,2,3]".utf8)),
        ("JSON wrong types", Data(#"{"code":42,"message":[true],"values":"x"}"#.utf8)),
        ("unclosed tags", Data("<Error><Code><Message></Error".utf8)),
        ("deep nesting", Data(String(repeating: "[", count: 10_000).utf8)),
    ]

    @Test(arguments: garbage)
    func garbageBodiesGiveATypedErrorWithTheStatusText(name: String, body: Data) {
        for decoder in [ServiceErrorDecoder.batchJSON, .storageXML] {
            let error = decoder.decode(HTTPResponse(status: 502, body: body), operation: "Op", clientRequestID: nil)
            #expect(error.status == 502, "\(name)")
            #expect(error.rawBody == body)
            #expect(!error.description.isEmpty)
        }
        let plain = ServiceErrorDecoder.storageXML.decode(
            HTTPResponse(status: 502, body: body), operation: "Op", clientRequestID: nil)
        #expect(plain.code == nil || name == "truncated XML")
    }

    @Test func emptyHeadResponseTakesCodeFromHeader() {
        let error = ServiceErrorDecoder.storageXML.decode(
            HTTPResponse(status: 404, headers: ["x-ms-error-code": "BlobNotFound", "x-ms-request-id": "r"]),
            operation: "Blob_GetProperties", clientRequestID: "c")
        #expect(error.code == "BlobNotFound")
        #expect(error.message == "not found")
        #expect(error.clientRequestID == "c")
    }

    @Test func headerCodeWinsOverBody() {
        let error = ServiceErrorDecoder.storageXML.decode(
            HTTPResponse(
                status: 409, headers: ["x-ms-error-code": "LeaseIdMissing"],
                body: Data("<Error><Code>Other</Code><Message>m</Message></Error>".utf8)),
            operation: "x", clientRequestID: nil)
        #expect(error.code == "LeaseIdMissing")
        #expect(error.message == "m")
    }

    @Test func serviceClientThrowsDecodedErrorForUnacceptedStatus() async throws {
        let transport = ClosureTransport { _ in
            HTTPResponse(status: 404, headers: ["x-ms-error-code": "BlobNotFound"])
        }
        let client = try ServiceClient(
            endpoint: URL(string: "https://acct.blob.core.windows.net")!, credential: .anonymous, profile: .testStorage,
            options: .init(transport: transport))
        let error = await #expect(throws: AzureServiceError.self) {
            _ = try await client.execute(
                HTTPRequest(method: .head, url: client.endpoint), operation: "Blob_GetProperties")
        }
        #expect(error?.code == "BlobNotFound")
        #expect(error?.operation == "Blob_GetProperties")
        #expect(error?.clientRequestID?.isEmpty == false)
    }
}
