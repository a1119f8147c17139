import Foundation
import Logging

/// Gives the logical operation one client request id, kept across every retry, so service-side logs of all
/// attempts correlate. A caller-supplied id (already in the headers) wins. The id is the only one chosen for the
/// operation: it is also set on the response (``HTTPResponse/clientRequestID``) for errors to quote.
public struct ClientRequestIDPolicy: HTTPPolicy {
    public init() {}

    public func send(_ request: HTTPRequest, context: PipelineContext, next: PipelineNext) async throws -> HTTPResponse
    {
        var request = request
        var context = context
        let header = context.profile.clientRequestIDHeader
        let id = request.headers[header] ?? UUID().uuidString.lowercased()
        request.headers[header] = id
        for field in context.profile.clientRequestIDEchoHeaders { request.headers[field.name] = field.value }
        context.clientRequestID = id
        context.logger[metadataKey: "az-client-request-id"] = .string(id)
        context.logger[metadataKey: "az-operation"] = .string(context.operation)
        var response = try await next(request, context)
        response.clientRequestID = id
        return response
    }
}
