import Foundation
import HTTPTypes
import Hummingbird
import SwitchyardCore

/// Registers every row of `OperationTable` on each of its surface's prefixes, all answered by
/// the one pipeline. Gemini's `models/{model}:{method}` rows share one catch-all route per
/// prefix, dispatched on the method after the colon (model names may hold slashes).
struct OperationRoutes: Sendable {
    let pipeline: OperationPipeline

    func register(on router: Router<GatewayRequestContext>, operations: [GatewayOperation] = OperationTable.all) {
        var colonMethods: [String: [String: GatewayOperation]] = [:]
        for operation in operations {
            for prefix in operation.prefixes {
                for path in operation.paths {
                    let full = prefix.isEmpty ? path : "\(prefix)/\(path)"
                    if let marker = full.range(of: "/{model}:") {
                        let method = String(full[marker.upperBound...])
                        colonMethods[String(full[..<marker.lowerBound]), default: [:]][method] = operation
                        continue
                    }
                    let routerPath = RouterPath(full.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: ""))
                    let pipeline = pipeline
                    router.on(routerPath, method: HTTPRequest.Method(operation.method) ?? .post) { request, context in
                        await pipeline.respond(operation, to: request, context: context)
                    }
                }
            }
        }
        for (base, methods) in colonMethods {
            let pipeline = pipeline
            let surface = methods.values.first?.surface ?? .gemini
            router.post(RouterPath("\(base)/**")) { request, context in
                let target = context.parameters.getCatchAll().joined(separator: "/")
                guard let colon = target.lastIndex(of: ":"), let operation = methods[String(target[target.index(after: colon)...])] else {
                    let error = GatewayError(.notFound, "Unknown method in `\(target)`; expected models/{model}:{\(methods.keys.sorted().joined(separator: "|"))}.", code: "route_not_found")
                    return ErrorResponse.make(error, surface: surface)
                }
                let model = String(target[..<colon])
                return await pipeline.respond(operation, to: request, context: context, pathModel: model.removingPercentEncoding ?? model)
            }
        }
    }
}
