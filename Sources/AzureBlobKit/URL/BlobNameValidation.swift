import AzureKitCore

/// Checks container and blob names before a request is built, so mistakes surface as a clear client error
/// instead of a 400 from the service.
enum BlobNameValidation {
    /// Containers: 3 to 63 characters of `a-z`, `0-9` and `-`, no `--`, starting and ending alphanumeric;
    /// plus the system containers `$root`, `$logs` and `$web`.
    static func validateContainer(_ name: String) throws {
        if ["$root", "$logs", "$web"].contains(name) { return }
        let bytes = Array(name.utf8)
        func fail(_ reason: String) -> AzureClientError {
            AzureClientError(.invalidArgument, "invalid container name '\(name)': \(reason)")
        }
        guard (3...63).contains(bytes.count) else {
            throw fail("it must be 3 to 63 characters long, not \(bytes.count)")
        }
        for (index, byte) in bytes.enumerated() {
            let alphanumeric =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if alphanumeric { continue }
            guard byte == UInt8(ascii: "-") else {
                throw fail("character \(index + 1) is not a lower-case letter, digit or '-'")
            }
            if index == 0 || index == bytes.count - 1 { throw fail("it must start and end with a letter or digit") }
            if bytes[index - 1] == UInt8(ascii: "-") { throw fail("it contains '--'") }
        }
    }

    /// Blobs: 1 to 1024 characters.
    static func validateBlob(_ name: String) throws {
        guard !name.isEmpty else { throw AzureClientError(.invalidArgument, "the blob name is empty") }
        guard name.count <= 1024 else {
            throw AzureClientError(
                .invalidArgument,
                "the blob name '\(name.prefix(40))…' is \(name.count) characters long; at most 1024 are allowed")
        }
    }
}
