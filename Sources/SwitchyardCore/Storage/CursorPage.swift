/// One page of an OpenAI-style list (`limit`, `after`, `before`, `order`), cut from items
/// already in ascending order, answering `has_more`, `first_id` and `last_id`.
public struct CursorPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var hasMore: Bool
    public var firstID: String?
    public var lastID: String?

    public enum Order: String, Sendable {
        case asc, desc
    }

    /// The page of `ascending` after the `after` id and before the `before` id (both as seen in
    /// `order`), at most `limit` long. An unknown cursor id gives an empty page.
    public init(_ ascending: [Item], id: (Item) -> String, limit: Int, order: Order, after: String? = nil, before: String? = nil) {
        var ordered = order == .asc ? ascending : ascending.reversed()
        if let after {
            let position = ordered.firstIndex { id($0) == after }
            ordered = position.map { Array(ordered[($0 + 1)...]) } ?? []
        }
        if let before {
            let position = ordered.firstIndex { id($0) == before }
            ordered = position.map { Array(ordered[..<$0]) } ?? []
            // Before a cursor, the page is the one closest to it.
            if ordered.count > limit {
                let page = Array(ordered.suffix(limit))
                self.init(items: page, hasMore: true, id: id)
                return
            }
        }
        self.init(items: Array(ordered.prefix(limit)), hasMore: ordered.count > limit, id: id)
    }

    /// The page a store cut in SQL: `window` holds up to `limit + 1` items in list order from
    /// the cursor on, or (`backwards`, for a `before` cursor) from the cursor towards the
    /// list's start, nearest first. The extra item only says there are more.
    public init(window: [Item], id: (Item) -> String, limit: Int, backwards: Bool) {
        let page = Array(window.prefix(limit))
        self.init(items: backwards ? page.reversed() : page, hasMore: window.count > limit, id: id)
    }

    private init(items: [Item], hasMore: Bool, id: (Item) -> String) {
        self.items = items
        self.hasMore = hasMore
        self.firstID = items.first.map(id)
        self.lastID = items.last.map(id)
    }
}
