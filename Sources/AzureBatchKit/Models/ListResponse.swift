/// A page of a Batch listing: `{"value": [...], "odata.nextLink": "https://..."}`.
public struct ListResponse<Item: Codable & Sendable>: Codable, Sendable {
    public var value: [Item]
    /// The absolute URL of the next page, absent on the last page.
    public var nextLink: String?

    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "odata.nextLink"
    }

    public init(value: [Item], nextLink: String? = nil) {
        self.value = value
        self.nextLink = nextLink
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent([Item].self, forKey: .value) ?? []
        nextLink = try container.decodeIfPresent(String.self, forKey: .nextLink)
    }
}
