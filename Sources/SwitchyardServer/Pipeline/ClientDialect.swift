import NIOCore
import SwitchyardCore

/// How one client surface speaks, for the parts of the pipeline that depend on it: which
/// providers take its bytes as they are, how usage reads in its answers, and what a failure
/// after a stream's headers looks like.
struct ClientDialect: Sendable {
    let surface: ErrorSurface

    /// Whether a deployment of `provider` speaks this surface's own dialect.
    func isOwnDialect(_ provider: ProviderKind) -> Bool {
        switch (surface, provider.dialect) {
        case (.openAI, .openAI), (.openAI, .mock), (.anthropic, .anthropic), (.gemini, .gemini): true
        default: false
        }
    }

    var usage: UsageReader.Dialect {
        switch surface {
        case .openAI: .openAI
        case .anthropic: .anthropic
        case .gemini: .gemini
        }
    }

    /// The in-stream event that ends a stream whose upstream failed after the headers went out.
    func streamFailure(_ error: GatewayError) -> ByteBuffer {
        var out: ByteBuffer
        switch surface {
        case .openAI:
            out = ByteBuffer(string: "data: ")
            out.writeBytes(ErrorSurface.openAI.body(for: error))
            out.writeString("\n\n")
        case .anthropic:
            out = ByteBuffer(string: "event: error\ndata: ")
            out.writeBytes(ErrorSurface.anthropic.body(for: error))
            out.writeString("\n\n")
        case .gemini:
            out = ByteBuffer(string: "data: ")
            out.writeBytes(ErrorSurface.gemini.body(for: error))
            out.writeString("\r\n\r\n")
        }
        return out
    }
}

extension ProviderKind {
    /// Client request headers a same-dialect upstream should see as the client sent them.
    var forwardedClientHeaders: [String] {
        self == .anthropic ? ["anthropic-version", "anthropic-beta"] : []
    }
}
