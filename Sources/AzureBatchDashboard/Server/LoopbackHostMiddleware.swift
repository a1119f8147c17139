import Hummingbird

/// Answers 403 to a request whose `Host` is not a loopback name, for a dashboard that listens on loopback
/// only: a web page whose own name is made to resolve to 127.0.0.1 (DNS rebinding) cannot read the dashboard.
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard DashboardConfiguration.isLoopbackAuthority(request.head.authority) else {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(string: "the dashboard answers only to 127.0.0.1 or localhost")))
        }
        return try await next(request, context)
    }
}
