import Foundation
import HTTPTypes
import Hummingbird

/// Responses of the workspace's API: JSON, never cached.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{\"error\":\"the answer could not be encoded\"}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A request body as `T`; malformed JSON, a wrong content type or a body over `limit` bytes
    /// is refused with a sentence (400, 415, 413).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, "Send the request body as JSON (Content-Type: application/json)\(contentType.isEmpty ? "" : "; got \(contentType)").")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "The request body is \(length) bytes; at most \(limit) are accepted.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "The request body is larger than the \(limit) bytes accepted.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest("The request body is not the JSON expected: \(describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        // `decisions[0].move`: list positions in brackets, counted from 0 as in the body.
        func at(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "the body" }
            return path.reduce("") { text, key in
                if let i = key.intValue { return text + "[\(i)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(at(c.codingPath + [key])) is missing."
        case .typeMismatch(let type, let c): return "\(at(c.codingPath)) should be \(word(type))."
        case .valueNotFound(let type, let c): return "\(at(c.codingPath)) should be \(word(type)), not null."
        case .dataCorrupted(let c):
            if let underlying = c.underlyingError as NSError?, let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                return "it is not valid JSON (\(detail))."
            }
            return c.codingPath.isEmpty ? "it is not valid JSON." : "\(at(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private static func word(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Double.Type, is Int.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "a list"
        default: return "a \(type)"
        }
    }
}
