import HTTPTypes
import Hummingbird

/// The context of one request: the browser session it belongs to, when it has one.
public struct WorkspaceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``SecurityMiddleware`` from the session cookie.
    public var session: Session?
    /// Set when this request created the session (the response sets its cookie).
    var newSession = false

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are read by ``JSONResponse/decode(_:from:limit:)`` with their own, smaller limit.
    public var maxUploadSize: Int { Workspace.maxBodyBytes }
}
