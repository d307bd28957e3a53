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

extension APIError {
    /// A value of a form field refused (400). `field` is the field's id, which the page shows
    /// by its label; `problem` names the rule the value breaks and `values` the numbers of the
    /// sentence, so that the page says it in its own language; `message` is the English
    /// sentence, which names the field by its English label, never by its JSON key.
    static func field(_ field: String, _ problem: String, _ message: String, values: [String: JSONValue] = [:]) -> APIError {
        APIError(.badRequest, message, details: ["field": .string(field), "problem": .string(problem), "values": .object(values)])
    }

    /// The same refusal, said of the form field `field`: a path or file name that the folder
    /// checked, whatever the field it came from.
    func at(field: String) -> APIError {
        var e = self
        e.details["field"] = .string(field)
        return e
    }

    /// This refusal with the rule it breaks and that rule's values (see ``field(_:_:_:values:)``).
    func problem(_ problem: String, _ values: [String: JSONValue] = [:]) -> APIError {
        var e = self
        e.details["problem"] = .string(problem)
        e.details["values"] = .object(values)
        return e
    }
}
