/// Docker's reference grammar (distribution/reference), written as small scanners instead of one regex so
/// every failure can name the part that is wrong.
struct ContainerImageReferenceParser {
    struct Parts {
        var registry: String
        var repository: String
        var tag: String?
        var digest: ImageDigest?
    }

    let reference: String

    private func fail(_ kind: ContainerImageReferenceError.Kind, _ part: String, _ reason: String)
        -> ContainerImageReferenceError
    {
        ContainerImageReferenceError(kind, reference: reference, part: part, reason: reason)
    }

    func parse() throws -> Parts {
        let text = reference
        guard !text.isEmpty, !text.allSatisfy(\.isWhitespace) else {
            throw fail(.empty, text, "the reference is empty")
        }
        // name[:tag][@digest]: the digest follows the first '@'; the tag is after the last ':' that comes
        // after the last '/' (so 'localhost:5000/repo' has a port, not a tag).
        var nameAndTag = Substring(text)
        var digest: ImageDigest?
        if let at = text.firstIndex(of: "@") {
            let digestText = String(text[text.index(after: at)...])
            nameAndTag = text[..<at]
            do { digest = try ImageDigest(parsing: digestText) } catch let error as ContainerImageReferenceError {
                throw fail(.invalidDigest, error.part, error.reason)
            }
        }
        var name = nameAndTag
        var tag: String?
        if let colon = nameAndTag.lastIndex(of: ":"), nameAndTag[colon...].firstIndex(of: "/") == nil {
            let tagText = String(nameAndTag[nameAndTag.index(after: colon)...])
            try validateTag(tagText)
            tag = tagText
            name = nameAndTag[..<colon]
        }
        guard !name.isEmpty else { throw fail(.invalidRepository, "", "the repository name is empty") }
        if name.utf8.count == 64, name.utf8.allSatisfy(Self.isLowerHex) {
            throw fail(
                .looksLikeImageID, String(name),
                "'\(name)' is a 64-character hex string, which Docker reserves for image ids, not repository names")
        }
        var (registry, path) = splitRegistry(name)
        try validateRegistry(registry)
        if registry == "index.docker.io" { registry = ContainerImageReference.dockerHub }
        if registry == ContainerImageReference.dockerHub, !path.contains("/") { path = "library/" + path }
        try validateRepository(path)
        let fullLength = registry.utf8.count + 1 + path.utf8.count
        guard fullLength <= 255 else {
            throw fail(
                .nameTooLong, "\(registry)/\(path)",
                "the name '\(registry)/\(path)' is \(fullLength) characters; at most 255 are allowed")
        }
        return Parts(registry: registry, repository: path, tag: tag, digest: digest)
    }

    /// Docker's `splitDockerDomain`.
    private func splitRegistry(_ name: Substring) -> (String, String) {
        guard let slash = name.firstIndex(of: "/") else { return (ContainerImageReference.dockerHub, String(name)) }
        let first = name[..<slash]
        let isHost = first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first
        guard isHost else { return (ContainerImageReference.dockerHub, String(name)) }
        return (String(first), String(name[name.index(after: slash)...]))
    }

    private func validateRegistry(_ registry: String) throws {
        var host = Substring(registry)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw fail(
                    .invalidRegistry, registry,
                    "registry '\(registry)' opens an IPv6 address with '[' but never closes it")
            }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0 == ":" || $0.isHexDigit }) else {
                throw fail(
                    .invalidRegistry, registry, "registry '\(registry)' has an invalid IPv6 address '[\(address)]'")
            }
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else {
                    throw fail(
                        .invalidRegistry, registry, "registry '\(registry)' has '\(rest)' after the IPv6 address")
                }
                port = rest.dropFirst()
            }
        } else {
            if let colon = host.firstIndex(of: ":") {
                port = host[host.index(after: colon)...]
                host = host[..<colon]
            }
            for label in host.split(separator: ".", omittingEmptySubsequences: false) {
                let bytes = Array(label.utf8)
                let ok =
                    !bytes.isEmpty && bytes.allSatisfy { Self.isAlnum($0) || $0 == UInt8(ascii: "-") }
                    && Self.isAlnum(bytes[0]) && Self.isAlnum(bytes[bytes.count - 1])
                guard ok else {
                    throw fail(
                        .invalidRegistry, registry,
                        "registry host '\(host)' has an invalid label '\(label)' (letters, digits and inner '-' only)")
                }
            }
        }
        if let port {
            guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let number = Int(port),
                number <= 65535
            else {
                throw fail(
                    .invalidRegistry, registry,
                    "registry '\(registry)' has an invalid port '\(port)' (expected 0-65535)")
            }
        }
    }

    private func validateRepository(_ path: String) throws {
        if path.lowercased() != path {
            throw fail(.uppercaseRepository, path, "repository name '\(path)' must be lower-case")
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard Self.isPathComponent(Array(component.utf8)) else {
                let reason =
                    component.isEmpty
                    ? "repository '\(path)' has an empty path component (a leading, trailing or doubled '/')"
                    : "repository path component '\(component)' is invalid: use lower-case letters and digits, separated by '.', '_', '__' or dashes, starting and ending with a letter or digit"
                throw fail(.invalidRepository, String(component), reason)
            }
        }
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
    static func isPathComponent(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func alnumRun() -> Bool {
            let start = index
            while index < bytes.count, isLowerAlnum(bytes[index]) { index += 1 }
            return index > start
        }
        guard alnumRun() else { return false }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                index += 1
            } else if byte == UInt8(ascii: "_") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "_") { index += 1 }
            } else if byte == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            } else {
                return false
            }
            guard alnumRun() else { return false }
        }
        return true
    }

    private func validateTag(_ tag: String) throws {
        let bytes = Array(tag.utf8)
        func isWord(_ byte: UInt8) -> Bool { Self.isAlnum(byte) || byte == UInt8(ascii: "_") }
        guard let first = bytes.first else { throw fail(.invalidTag, tag, "the tag after ':' is empty") }
        guard bytes.count <= 128 else {
            throw fail(
                .invalidTag, tag, "tag '\(tag.prefix(20))…' is \(bytes.count) characters; at most 128 are allowed")
        }
        guard isWord(first) else {
            throw fail(.invalidTag, tag, "tag '\(tag)' must start with a letter, digit or '_'")
        }
        guard bytes.allSatisfy({ isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) else {
            throw fail(.invalidTag, tag, "tag '\(tag)' may contain only letters, digits, '_', '.' and '-'")
        }
    }

    static func isLowerAlnum(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
    static func isAlnum(_ byte: UInt8) -> Bool { isLowerAlnum(byte) || (byte >= 0x41 && byte <= 0x5A) }
    static func isLowerHex(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) }
}
