import AzureKitCore

// A map/merge job that cannot be planned or built is an ``AzureKitCore/AzureClientError`` with one of these kinds
// (the SDK's one error shape), naming what is wrong:
//
// ```swift
// do { _ = try EvenByteRangePlanner().splits(of: [], targetBytesPerTask: 1 << 28, nodes: 4) }
// catch let error as AzureClientError where error.kind == .noInputs { print(error) }
// ```
extension AzureClientError.Kind {
    /// Nothing to map: the input list (or the listing of a prefix) is empty.
    public static let noInputs = AzureClientError.Kind(rawValue: "noInputs")
    /// A task built by the caller does not carry the id the job gave it, or already says what it depends on.
    public static let taskMismatch = AzureClientError.Kind(rawValue: "taskMismatch")
    /// The task graph is not one Batch would run to the end (see ``TaskDependencyError``).
    public static let invalidGraph = AzureClientError.Kind(rawValue: "invalidGraph")
}
