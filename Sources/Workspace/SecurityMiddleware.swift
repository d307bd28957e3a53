import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension HTTPField.Name {
    /// The CSRF token a page sends back on requests that change something.
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
}

/// What every request passes before its route:
///
/// 1. **Host**: a workspace without a token answers only requests addressed to a loopback
///    name (`127.0.0.1`, `localhost`, `[::1]`), so a web page that rebinds its own name to
///    127.0.0.1 (DNS rebinding) gets 403.
/// 2. **Token**: with a token, every request must carry it — `?token=` (which then sets an
///    HttpOnly cookie, as notebook servers do), that cookie, or `Authorization: Bearer` — or
///    gets 401.
/// 3. **Session and CSRF**: the session cookie names the browser's session; a request that
///    changes something (any method but GET and HEAD) needs that session, its CSRF token in
///    `X-CSRF-Token`, and no `Origin` other than the workspace's own, or gets 403.
///
/// Errors thrown by routes become JSON answers here, and every answer gets headers that keep
/// it from being cached, framed by other sites or sniffed as another type.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = WorkspaceContext
    let workspace: Workspace

    func handle(_ request: Request, context: WorkspaceContext, next: (Request, WorkspaceContext) async throws -> Response) async throws -> Response {
        var context = context
        var setCookies: [String] = []
        var response: Response
        do {
            try checkHost(request)
            if let token = workspace.configuration.token {
                switch presentedToken(request) {
                case (let given?, let fromQuery) where constantTimeEqual(given, token):
                    if fromQuery { setCookies.append(workspace.cookie(workspace.tokenCookie, token)) }
                default:
                    throw APIError(.unauthorized, "This workspace needs its access token: open the address printed by diaban serve (it ends in ?token=…).")
                }
            }
            if let id = cookie(request, workspace.sessionCookie) { context.session = workspace.sessions.find(id) }
            if ![.get, .head].contains(request.method) { try checkCSRF(request, context: context) }
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
            if response.status == .notFound || response.status == .methodNotAllowed {
                response = try APIError(response.status, response.status == .notFound
                    ? "Nothing is at \(request.uri.path)." : "\(request.method) is not allowed on \(request.uri.path).")
                    .response(from: request, context: context)
            }
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = try APIError(.internalServerError, "The workspace could not answer this request; it goes on serving others.")
                .response(from: request, context: context)
        }
        for c in setCookies { response.headers.append(HTTPField(name: .setCookie, value: c)) }
        Self.protect(&response.headers)
        return response
    }

    /// Answers to requests addressed to another name than a loopback one are refused when the
    /// workspace has no token (a token already keeps other sites' pages out).
    func checkHost(_ request: Request) throws(APIError) {
        guard workspace.configuration.token == nil, let authority = request.head.authority else { return }
        var host = authority
        if host.hasPrefix("[") { host = String(host.prefix { $0 != "]" }) + "]" } else if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
        guard WorkspaceConfiguration.isLoopback(host) else {
            throw APIError.forbidden("This workspace answers only to 127.0.0.1 and localhost, not to \(authority).")
        }
    }

    /// The token a request presents, and whether it came in the query.
    func presentedToken(_ request: Request) -> (String?, Bool) {
        if let q = request.uri.queryParameters["token"] { return (String(q), true) }
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") { return (String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces), false) }
        return (cookie(request, workspace.tokenCookie), false)
    }

    func checkCSRF(_ request: Request, context: WorkspaceContext) throws(APIError) {
        if let origin = request.headers[.origin] {
            let own = request.head.authority.map { "http://" + $0.lowercased() }
            guard origin.lowercased() == own else {
                throw APIError.forbidden("Requests from another site (Origin: \(origin)) may not change anything here.")
            }
        }
        guard let session = context.session else {
            throw APIError.forbidden("This request has no workspace session: reload the workspace page and try again.")
        }
        guard let given = request.headers[.csrfToken], constantTimeEqual(given, session.csrf) else {
            throw APIError.forbidden("The request lacks this session's CSRF token (X-CSRF-Token): reload the workspace page and try again.")
        }
    }

    func cookie(_ request: Request, _ name: String) -> String? {
        for field in request.headers[values: .cookie] {
            for part in field.split(separator: ";") {
                let kv = part.trimmingCharacters(in: .whitespaces)
                if kv.hasPrefix(name + "=") { return String(kv.dropFirst(name.count + 1)) }
            }
        }
        return nil
    }

    /// Headers of every answer; a route may have set its own policy for framing and content.
    static func protect(_ headers: inout HTTPFields) {
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.crossOriginOpenerPolicy] = "same-origin"
        headers[.crossOriginResourcePolicy] = "same-origin"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'" }
        if headers[.xFrameOptions] == nil { headers[.xFrameOptions] = "DENY" }
    }
}
