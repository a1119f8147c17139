/// A one-line reason PublishImage stopped, printed instead of a stack of wrapped errors. Never holds a secret:
/// registry and client errors are rendered with their own redacting descriptions.
public struct PublishImageFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
    public init(wrapping error: any Error, context: String) { self.description = "\(context): \(error)" }
}
