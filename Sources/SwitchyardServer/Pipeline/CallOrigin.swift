import HTTPTypes
import Logging
import SwitchyardCore

/// Who asks, and on what terms: everything the pipeline's stages need besides the request
/// itself. An HTTP request makes one from its key and headers; a batch line from its batch's
/// owner, so a line passes the very stages a request from that key would.
struct CallOrigin: Sendable {
    let identity: CallerIdentity
    /// The request controls (`x-switchyard-cache`, `x-switchyard-guard`) and the few headers a
    /// same-dialect upstream sees too; none for a batch line.
    let headers: HTTPFields
    let requestID: String
    /// Recorded with the spend log row, besides the key's own.
    let tags: [String]
    /// The spend log's `call_type`: the operation's name, or `batch/<name>` for a batch line.
    let callType: String
    /// Whether the answer is priced at the answering model's `model_info.batch_discount`.
    let batchPriced: Bool
    /// For a video remix, the stored job it starts from: its length prices the hold.
    let remixSource: MediaJob?
    let logger: Logger

    init(
        identity: CallerIdentity, headers: HTTPFields, requestID: String, tags: [String], callType: String, batchPriced: Bool = false,
        remixSource: MediaJob? = nil, logger: Logger
    ) {
        self.identity = identity
        self.headers = headers
        self.requestID = requestID
        self.tags = tags
        self.callType = callType
        self.batchPriced = batchPriced
        self.remixSource = remixSource
        self.logger = logger
    }
}
