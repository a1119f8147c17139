import AzureKitCore
import Logging

extension BatchClient {
    /// Lists a pool's compute nodes (`$filter` and `$select`; no `$expand`).
    public func listNodes(
        pool poolID: String, options: BatchListOptions = .init(),
        logger: Logger = .azureDisabled
    ) -> PagedSequence<BatchNode> {
        var options = options
        options.expand = nil
        return list(["pools", poolID, "nodes"], query: options.query, operation: "Nodes_ListNodes", logger: logger)
    }

    /// Gets one compute node.
    /// - Throws: ``AzureServiceError`` with `.nodeNotFound` (404).
    public func getNode(
        pool poolID: String, node nodeID: String, select: [String]? = nil,
        logger: Logger = .azureDisabled
    ) async throws -> BatchNode {
        let response = try await send(
            .get, ["pools", poolID, "nodes", nodeID], query: BatchListOptions(select: select).query,
            operation: "Nodes_GetNode", logger: logger)
        return try Self.decode(BatchNode.self, from: response, operation: "Nodes_GetNode")
    }
}
