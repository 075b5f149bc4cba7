extension ResponseItem {
    /// The item with `status`, for the item types that have one.
    func marked(_ status: ResponseItemStatus) -> ResponseItem {
        switch self {
        case .message(var message):
            message.status = status
            return .message(message)
        case .functionCall(var call):
            call.status = status
            return .functionCall(call)
        default:
            return self
        }
    }
}
