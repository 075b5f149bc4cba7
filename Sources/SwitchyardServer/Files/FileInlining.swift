import Foundation
import NIOCore
import SwitchyardCore

/// The file stage, before route: a request whose content names the gateway's files (a
/// `file_id` in a chat file part, a Responses `input_file`, an Anthropic file source, a Gemini
/// `fileUri`) is sent with each file's bytes inline in its own dialect, so a file uploaded once
/// reads the same on every provider. A file the caller may not see is a 404, as if it did not
/// exist.
struct FileInlining: Sendable {
    let files: FileService

    /// The most a request carries inline, over all the files it names: the largest request
    /// the providers that read documents inline take (Anthropic's 32 MB).
    static let maxInlineBytes = 32 * 1024 * 1024

    func inline(_ request: OperationRequest, owner: ResourceOwner) async throws -> OperationRequest {
        guard let dialect = FileReferences.Dialect(operation: request.operation),
            request.bytes.withUnsafeReadableBytes(FileReferences.mayReference)
        else { return request }
        let references = FileReferences(dialect)
        let member = dialect.member
        let content: JSONValue?
        do {
            content = try request.bytes.withUnsafeReadableBytes { try request.index.decode(JSONValue.self, member, in: $0) }
        } catch {
            throw GatewayError.invalidRequest("'\(member)' is not valid JSON.", param: member)
        }
        guard let content else { return request }
        let ids = references.ids(in: content)
        guard !ids.isEmpty else { return request }
        var inline: [String: InlineFile] = [:]
        var total = 0
        for id in ids {
            guard let file = try await files.file(id: id, owner: owner) else {
                throw GatewayError(.notFound, "No such File object: \(id)", param: "file_id", code: "file_not_found")
            }
            total += Int(file.bytes)
            guard total <= Self.maxInlineBytes else {
                throw GatewayError(
                    .payloadTooLarge, "The files this request names come to more than \(Self.maxInlineBytes / 1024 / 1024) MB.", param: "file_id",
                    code: "files_too_large"
                )
            }
            let bytes = try await files.bytes(of: file, limit: Self.maxInlineBytes)
            inline[id] = InlineFile(bytes: bytes.readableBytesView, filename: file.filename)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var edit = JSONObjectEdit()
        edit.set(member, rawJSON: Array(try encoder.encode(try references.inlining(content, files: inline))))
        var rewritten = ByteBuffer()
        request.bytes.withUnsafeReadableBytes { edit.apply(to: $0, index: request.index, into: &rewritten) }
        return try OperationRequest.parse(rewritten, operation: request.operation, pathModel: request.model)
    }
}
