import Foundation
import HTTPTypes
import Hummingbird

extension Workspace {
    /// The page and its scripts and style sheet (all served from here: nothing comes from the
    /// network), the session, and the server's state.
    func addPageRoutes(to router: Router<WorkspaceContext>) {
        router.get("/") { request, context -> Response in
            let session = context.session ?? self.sessions.create()
            var response = Self.text(WorkspacePage.html(csrf: session.csrf), type: "text/html; charset=utf-8")
            response.headers[.contentSecurityPolicy] = WorkspacePage.contentSecurityPolicy
            if context.session == nil { response.headers.append(HTTPField(name: .setCookie, value: self.cookie(self.sessionCookie, session.id))) }
            return response
        }
        router.get("page/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let file = PageFiles.shared.files[name] else {
                throw APIError.notFound("No such file of the page.")
            }
            return Self.text(file.text, type: file.type)
        }
        // The CSRF token of this browser's session (a new session when it has none).
        router.get("api/session") { _, context -> Response in
            let session = context.session ?? self.sessions.create()
            var response = JSONResponse.make(["csrf": session.csrf])
            if context.session == nil { response.headers.append(HTTPField(name: .setCookie, value: self.cookie(self.sessionCookie, session.id))) }
            return response
        }
        router.get("api/health") { _, _ -> Response in
            let (running, queued) = self.pool.counts()
            return JSONResponse.make(Health(running: running, queued: queued, limit: self.pool.limit, closing: self.pool.isClosed))
        }
    }

    struct Health: Encodable {
        var ok = true
        var running: Int
        var queued: Int
        var limit: Int
        var closing: Bool
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Runs blocking work (reading scenarios, rendering reports) on a thread of its own, so that
/// the server's threads keep answering other requests meanwhile.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
