/// OpenAI's file object, as `POST /v1/files`, `GET /v1/files/{id}` and lists answer it.
public struct FileObject: Sendable, Hashable {
    public var id: String
    public var bytes: Int64
    /// Unix seconds, whole.
    public var createdAt: Int
    public var expiresAt: Int?
    public var filename: String
    public var purpose: String
    /// Always `processed`: a file is listed only once its upload completed.
    public var status: String

    public init(_ file: StoredFile) {
        id = file.id
        bytes = file.bytes
        createdAt = Int(file.createdAt)
        expiresAt = file.expiresAt.map { Int($0) }
        filename = file.filename
        purpose = file.purpose
        status = "processed"
    }
}

extension FileObject: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, object, bytes, filename, purpose, status
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case statusDetails = "status_details"
    }

    /// Every member, null ones included, as OpenAI writes them.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode("file", forKey: .object)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(filename, forKey: .filename)
        try container.encode(purpose, forKey: .purpose)
        try container.encode(status, forKey: .status)
        try container.encodeNil(forKey: .statusDetails)
    }
}

/// A page of `GET /v1/files`: `{"object": "list", "data", "first_id", "last_id", "has_more"}`.
public struct FileList: Sendable, Hashable, Encodable {
    public var data: [FileObject]
    public var firstID: String?
    public var lastID: String?
    public var hasMore: Bool

    public init(_ page: CursorPage<StoredFile>) {
        data = page.items.map(FileObject.init)
        firstID = page.firstID
        lastID = page.lastID
        hasMore = page.hasMore
    }

    private enum CodingKeys: String, CodingKey {
        case object, data
        case firstID = "first_id"
        case lastID = "last_id"
        case hasMore = "has_more"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("list", forKey: .object)
        try container.encode(data, forKey: .data)
        try container.encode(firstID, forKey: .firstID)
        try container.encode(lastID, forKey: .lastID)
        try container.encode(hasMore, forKey: .hasMore)
    }
}

/// The answer to `DELETE /v1/files/{id}`.
public struct FileDeleted: Sendable, Hashable, Encodable {
    public var id: String
    public var object = "file"
    public var deleted = true

    public init(id: String) {
        self.id = id
    }
}
