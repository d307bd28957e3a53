import Foundation
import HTTPTypes
import Hummingbird

/// A refusal or failure of a workspace request: an HTTP status and a sentence that says what
/// is wrong and what to do. Sent as `{"error": "…"}` (plus any details) with the status.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// Extra fields of the JSON body (e.g. the problems of a what-if that was not saved).
    var details: [String: JSONValue]

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
        self.details = [:]
    }

    init(_ status: HTTPResponse.Status, _ message: String, details: [String: JSONValue]) {
        self.status = status
        self.message = message
        self.details = details
    }

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = details
        body["error"] = .string(message)
        var response = JSONResponse.make(JSONValue.object(body), status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"DiaBan\"" }
        return response
    }
}

extension APIError {
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
}
