import NIOCore
import SwitchyardCore

/// What batches need of the Files API (`FileService`): the input file a batch names, read as
/// its owner may read it, and the output and error files, written as that owner's.
struct BatchFiles: Sendable {
    let gateway: Gateway

    /// The largest input file a batch reads (OpenAI's limit is 200 MB).
    static let maxInputBytes = 200 * 1024 * 1024

    /// Checks that `id` names a file the caller may read, uploaded with purpose `batch`.
    func checkInput(id: String, identity: CallerIdentity) async throws {
        guard let file = try await gateway.files.file(id: id, owner: gateway.governance.owner(identity)) else {
            throw Self.notFound(id)
        }
        guard file.purpose == "batch" else {
            throw GatewayError.invalidRequest(
                "The file \(id) was uploaded with purpose '\(file.purpose)'; a batch's input file needs purpose 'batch'.", param: "input_file_id"
            )
        }
    }

    /// The input file's bytes, read as the batch's owner; a 404 when it is gone.
    func inputBytes(of batch: StoredBatch) async throws -> ByteBuffer {
        guard let file = try await gateway.files.file(id: batch.inputFileID, owner: Self.owner(of: batch)) else {
            throw Self.notFound(batch.inputFileID)
        }
        return try await gateway.files.bytes(of: file, limit: Self.maxInputBytes)
    }

    /// Stores `contents` as a `batch_output` file of the batch's owner; answers its id. It
    /// counts as the owner's stored bytes, but is written whatever room its limit leaves: the
    /// lines it holds were paid for, and their answers are not withheld.
    func write(_ contents: BatchOutputFile, named filename: String, for batch: StoredBatch) async throws -> String {
        try await gateway.files.create(
            owner: Self.owner(of: batch), filename: filename, purpose: "batch_output", lifetime: batch.outputLifetime, withinLimits: false, from: contents
        ).id
    }

    /// Who a batch's files belong to: the key (or master key, or open gateway) that made it,
    /// and the team it was in then. Read and written for it whatever the key's state now.
    static func owner(of batch: StoredBatch) -> ResourceOwner {
        let identity: CallerIdentity =
            switch batch.ownerKeyHash {
            case "master": .master
            case "open": .anonymous
            default: .virtualKey(hash: batch.ownerKeyHash, isAdmin: false)
            }
        return ResourceOwner(identity, teamID: batch.teamID)
    }

    static func notFound(_ id: String) -> GatewayError {
        GatewayError(.notFound, "No such File object: \(id)", param: "input_file_id", code: "file_not_found")
    }
}
