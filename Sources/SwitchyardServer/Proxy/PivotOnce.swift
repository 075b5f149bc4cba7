import Synchronization
import SwitchyardCore

/// The pivot form of a client request, translated on first use and shared by every attempt
/// (retries and fallbacks need not translate again). One translation per `drop_params` value.
final class PivotOnce: Sendable {
    typealias Translate = @Sendable (_ dropUnsupported: Bool) throws -> ChatCompletionRequest
    private let translate: Translate
    private let cached = Mutex([Bool: ChatCompletionRequest]())

    init(_ translate: @escaping Translate) {
        self.translate = translate
    }

    func chat(dropUnsupported: Bool) throws -> ChatCompletionRequest {
        if let chat = cached.withLock({ $0[dropUnsupported] }) { return chat }
        let chat: ChatCompletionRequest
        do {
            chat = try translate(dropUnsupported)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError.invalidRequest("\(error)")
        }
        cached.withLock { $0[dropUnsupported] = chat }
        return chat
    }
}
