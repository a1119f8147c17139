/// The user a task runs as: a named user account of the pool, or an auto user.
public struct UserIdentity: Codable, Hashable, Sendable {
    /// A user account defined on the pool (`username`, lower-case n, on the wire).
    public var username: String?
    public var autoUser: AutoUserSpecification?

    public init(username: String? = nil, autoUser: AutoUserSpecification? = nil) {
        self.username = username
        self.autoUser = autoUser
    }

    /// An auto user with the given scope and elevation.
    public static func autoUser(scope: AutoUserScope = .pool, elevation: ElevationLevel = .nonAdmin) -> UserIdentity {
        UserIdentity(autoUser: AutoUserSpecification(scope: scope, elevationLevel: elevation))
    }

    /// The original job's identity: an administrator auto user scoped to the task.
    public static let taskAdmin = UserIdentity.autoUser(scope: .task, elevation: .admin)
}

/// An auto user's scope and elevation.
public struct AutoUserSpecification: Codable, Hashable, Sendable {
    public var scope: AutoUserScope?
    public var elevationLevel: ElevationLevel?
    public init(scope: AutoUserScope? = nil, elevationLevel: ElevationLevel? = nil) {
        self.scope = scope
        self.elevationLevel = elevationLevel
    }
}
