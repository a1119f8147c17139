/// Codable support for values that travel as their string form (image references, digests).
enum StringForm {
    /// Parses the single string in `decoder`; a parse failure becomes `DecodingError.dataCorrupted` with the
    /// parser's message, so JSON errors still name the bad part.
    static func decode<Value>(from decoder: any Decoder, parse: (String) throws -> Value) throws -> Value {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            return try parse(text)
        } catch let error as ContainerImageReferenceError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    static func encode(_ text: String, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
