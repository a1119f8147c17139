/// What one request tells the policies that the URL and headers do not say, by typed key: the registry scopes a
/// request needs, say, which its challenge policy asks a token for. The caller passes them with the request
/// (``ServiceClient/execute(_:operation:accepting:logger:spanName:values:)``) and every policy reads them from
/// ``PipelineContext/values``: no task-local side channel, and nothing a policy does not look for.
///
/// ```swift
/// enum ScopesKey: RequestValueKey { typealias Value = [String] }
///
/// var values = RequestValues()
/// values[ScopesKey.self] = ["repository:app:pull"]
/// let response = try await service.execute(request, operation: "Manifests_Get", values: values)
/// // in a policy: context.values[ScopesKey.self]
/// ```
public struct RequestValues: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    /// The value stored under `key`, or `nil`.
    public subscript<Key: RequestValueKey>(_ key: Key.Type) -> Key.Value? {
        get { storage[ObjectIdentifier(key)] as? Key.Value }
        set { storage[ObjectIdentifier(key)] = newValue }
    }
}

/// The key of one kind of ``RequestValues`` entry; the type itself is the key, so two modules never collide.
public protocol RequestValueKey {
    associatedtype Value: Sendable
}
