import HTTPTypes
import Hummingbird
import NIOCore
import Logging
import SwitchyardCore

/// One admitted request on its way through the pipeline: what every attempt needs, passed
/// explicitly (the account it is metered on included).
struct OperationCall: Sendable {
    let request: OperationRequest
    /// The client's request headers, for the few a same-dialect upstream should see too
    /// (`anthropic-version`, `anthropic-beta`).
    let clientHeaders: HTTPFields
    let meter: RequestMeter
    let logger: Logger
    /// The pivot form of the request, translated once and shared by every attempt.
    let pivot: PivotOnce

    var operation: GatewayOperation { request.operation }
    var model: String { request.model }
}

/// What one attempt produced, before the pipeline adds the gateway's own headers.
struct ProxiedAnswer: Sendable {
    enum Body: Sendable {
        /// A whole body, and the usage it reported (charged by the pipeline).
        case whole(ByteBuffer, usage: Usage?)
        /// A stream; its writer reports usage to the meter and ends the deployment's slot.
        case stream(ResponseBody)
    }

    var status: Int = 200
    var contentType: String
    var body: Body
}
