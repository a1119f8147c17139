import AzureKitCore
import Foundation
import Hummingbird

/// The dashboard's HTTP routes. Every answer is built from the store's latest state: a browser's poll never
/// reaches the Batch service.
struct DashboardRoutes: Sendable {
    let store: DashboardStore
    let configuration: DashboardConfiguration

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        if configuration.isLoopbackOnly { router.add(middleware: LoopbackHostMiddleware()) }
        let page = DashboardPageCache(configuration: configuration)
        router.get("/") { _, _ in
            Self.response(await page.html(store: store), type: "text/html; charset=utf-8")
        }
        router.get("/api/state") { _, _ in
            guard let view = await store.view() else { return Self.unavailable(await store.lastError) }
            return Self.response(try Self.json(view), type: "application/json")
        }
        router.get("/api/sections") { _, _ in
            let sections: DashboardSections
            if let view = await store.view() {
                sections = DashboardSections(view)
            } else {
                let message =
                    await store.lastError.map { "Cannot read the job yet: \($0)" } ?? "Waiting for the first reading…"
                sections = DashboardSections(placeholder: message)
            }
            return Self.response(try Self.json(sections), type: "application/json")
        }
        router.get("/api/tasks/:id/stderr") { _, context in
            let id = try context.parameters.require("id")
            // Only tasks of the job: an arbitrary id must not cost Batch requests.
            guard await store.latest?.tasks.contains(where: { $0.id == id }) == true else {
                return Self.response("no task '\(id)' in job", type: "text/plain; charset=utf-8", status: .notFound)
            }
            do {
                let text = try await store.source.stderrTail(task: id, maxBytes: configuration.stderrBytes)
                return Self.response(text, type: "text/plain; charset=utf-8")
            } catch {
                return Self.response(
                    Redaction.default.redactURLs(in: "cannot read stderr of \(id): \(error)"),
                    type: "text/plain; charset=utf-8",
                    status: .badGateway)
            }
        }
        router.get("/report.html") { _, _ in
            guard let state = await store.latest else { return Self.unavailable(await store.lastError) }
            let html = await DashboardReport.html(
                state: state, source: store.source, stderrLimit: configuration.reportStderrLimit,
                stderrBytes: configuration.stderrBytes)
            return Self.response(html, type: "text/html; charset=utf-8")
        }
        return router
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func unavailable(_ error: String?) -> Response {
        response(
            error.map { "no job state yet: \($0)" } ?? "no job state yet", type: "text/plain; charset=utf-8",
            status: .serviceUnavailable)
    }
}

/// The live page depends only on the job id, known after the first reading: rendered once, then reused.
actor DashboardPageCache {
    let configuration: DashboardConfiguration
    private var cached: String?

    init(configuration: DashboardConfiguration) { self.configuration = configuration }

    func html(store: DashboardStore) async -> String {
        if let cached { return cached }
        guard let state = await store.latest else {
            return DashboardPage.live(jobID: "…", mode: "connecting", pollMilliseconds: pollMilliseconds)
        }
        let html = DashboardPage.live(jobID: state.jobID, mode: state.mode, pollMilliseconds: pollMilliseconds)
        cached = html
        return html
    }

    var pollMilliseconds: Int { max(200, Int(configuration.pagePollInterval.timeInterval * 1000)) }
}
