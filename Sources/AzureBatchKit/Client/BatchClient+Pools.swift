import AzureKitCore
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension BatchClient {
    /// Creates a pool.
    /// - Throws: ``AzureServiceError`` with `.poolExists` (409) when the id is taken.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidArgument`) when the pool uses a user-assigned identity,
    ///   which only ``BatchManagementClient`` can attach (a data-plane pool's nodes could not use it).
    public func createPool(_ pool: PoolSpecification, logger: Logger = .azureDisabled) async throws {
        try Self.requireNoIdentities(pool)
        _ = try await send(.post, ["pools"], body: Self.encode(pool), operation: "Pools_CreatePool", logger: logger)
        resolvedLogger(logger).info(
            "pool created", metadata: ["az-pool": .string(pool.id), "az-vm-size": .string(pool.vmSize.rawValue)])
    }

    /// Creates a pool unless one with the same id exists; `PoolExists` counts as success (also after a retried
    /// create whose first attempt went through).
    /// - Returns: `true` when this call created the pool, `false` when it already existed.
    @discardableResult
    public func createPoolIfAbsent(_ pool: PoolSpecification, logger: Logger = .azureDisabled) async throws -> Bool {
        try await operation("createPoolIfAbsent") {
            // A pool with identities may already exist (created through the management plane): reuse it then.
            if !pool.referencedIdentities.isEmpty, try await poolExists(pool.id, logger: logger) {
                resolvedLogger(logger).info("pool exists; reusing it", metadata: ["az-pool": .string(pool.id)])
                return false
            }
            do {
                try await createPool(pool, logger: logger)
                return true
            } catch let error as AzureServiceError where error.code == .poolExists {
                resolvedLogger(logger).info("pool exists; reusing it", metadata: ["az-pool": .string(pool.id)])
                return false
            }
        }
    }

    /// Gets a pool.
    /// - Throws: ``AzureServiceError`` with `.poolNotFound` (404).
    public func getPool(
        _ poolID: String, select: [String]? = nil, expand: [String]? = nil,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws -> BatchPool {
        let query = BatchListOptions(select: select, expand: expand).query
        let response = try await send(
            .get, ["pools", poolID], query: query, conditions: conditions,
            operation: "Pools_GetPool", logger: logger)
        return try Self.decode(BatchPool.self, from: response, operation: "Pools_GetPool")
    }

    /// Whether a pool exists (HEAD: no body is transferred).
    public func poolExists(
        _ poolID: String, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws -> Bool {
        let response = try await send(
            .head, ["pools", poolID], conditions: conditions, operation: "Pools_PoolExists",
            accepting: { (200..<300).contains($0) || $0 == 404 }, logger: logger)
        return response.status != 404
    }

    /// Starts deleting a pool; it shrinks to zero nodes and requeues running tasks.
    public func deletePool(
        _ poolID: String, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .delete, ["pools", poolID], conditions: conditions, operation: "Pools_DeletePool", logger: logger)
        resolvedLogger(logger).info("pool deletion requested", metadata: ["az-pool": .string(poolID)])
    }

    /// Changes the fields of a pool that `update` sets.
    public func updatePool(
        _ poolID: String, _ update: PoolUpdate, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .patch, ["pools", poolID], body: Self.encode(update), conditions: conditions,
            operation: "Pools_UpdatePool", logger: logger)
    }

    /// Lists pools.
    public func listPools(options: BatchListOptions = .init(), logger: Logger = .azureDisabled) -> PagedSequence<
        BatchPool
    > {
        list(["pools"], query: options.query, operation: "Pools_ListPools", logger: logger)
    }

    /// Starts resizing a pool. Fails with 409 while it is resizing or autoscaling.
    public func resizePool(
        _ poolID: String, _ resize: PoolResizeOptions, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .post, ["pools", poolID, "resize"], body: Self.encode(resize), conditions: conditions,
            operation: "Pools_ResizePool", logger: logger)
    }

    /// Stops a resize in progress.
    public func stopPoolResize(
        _ poolID: String, conditions: BatchRequestConditions = .none,
        logger: Logger = .azureDisabled
    ) async throws {
        _ = try await send(
            .post, ["pools", poolID, "stopresize"], conditions: conditions,
            operation: "Pools_StopPoolResize", logger: logger)
    }

    /// Turns autoscaling on with `formula` (see ``AutoScaleFormula``), evaluated every `interval` (5 min…168 h).
    public func enableAutoScale(
        pool poolID: String, formula: String, interval: Duration? = nil,
        conditions: BatchRequestConditions = .none, logger: Logger = .azureDisabled
    ) async throws {
        let body = EnableAutoScaleOptions(autoScaleFormula: formula, autoScaleEvaluationInterval: interval)
        _ = try await send(
            .post, ["pools", poolID, "enableautoscale"], body: Self.encode(body), conditions: conditions,
            operation: "Pools_EnablePoolAutoScale", logger: logger)
    }

    /// Turns autoscaling off; the pool keeps its current size.
    public func disableAutoScale(pool poolID: String, logger: Logger = .azureDisabled) async throws {
        _ = try await send(
            .post, ["pools", poolID, "disableautoscale"], operation: "Pools_DisablePoolAutoScale", logger: logger)
    }

    /// Evaluates `formula` against the pool without applying it (the pool must have autoscale enabled).
    public func evaluateAutoScale(pool poolID: String, formula: String, logger: Logger = .azureDisabled) async throws
        -> AutoScaleRun
    {
        let response = try await send(
            .post, ["pools", poolID, "evaluateautoscale"],
            body: Self.encode(EvaluateAutoScaleOptions(autoScaleFormula: formula)),
            operation: "Pools_EvaluatePoolAutoScale", logger: logger)
        return try Self.decode(AutoScaleRun.self, from: response, operation: "Pools_EvaluatePoolAutoScale")
    }

    /// Removes specific nodes from a pool.
    public func removeNodes(pool poolID: String, _ options: RemoveNodesOptions, logger: Logger = .azureDisabled)
        async throws
    {
        _ = try await send(
            .post, ["pools", poolID, "removenodes"], body: Self.encode(options),
            operation: "Pools_RemoveNodes", logger: logger)
    }

    /// Lists the images the account can use; prefer ones where ``SupportedImage/isDockerCompatible``.
    public func listSupportedImages(options: BatchListOptions = .init(), logger: Logger = .azureDisabled)
        -> PagedSequence<SupportedImage>
    {
        list(["supportedimages"], query: options.query, operation: "Pools_ListSupportedImages", logger: logger)
    }

    /// Node counts by state for each pool.
    public func listPoolNodeCounts(options: BatchListOptions = .init(), logger: Logger = .azureDisabled)
        -> PagedSequence<PoolNodeCounts>
    {
        list(["nodecounts"], query: options.query, operation: "Pools_ListPoolNodeCounts", logger: logger)
    }

    static func requireNoIdentities(_ pool: PoolSpecification) throws {
        let identities = pool.referencedIdentities
        guard identities.isEmpty else {
            throw AzureClientError(
                .invalidArgument,
                "pool '\(pool.id)' uses the user-assigned identity \(identities.joined(separator: ", ")), which the Batch data plane cannot attach (its nodes could not pull or read with it): create it with BatchManagementClient.createPoolIfAbsent"
            )
        }
    }
}
