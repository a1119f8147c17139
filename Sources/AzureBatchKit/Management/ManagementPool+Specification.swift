import AzureKitCore

extension ManagementPool {
    /// The management-plane body for `spec`, the pool description the data plane takes: one DSL, two wire shapes.
    ///
    /// The pool's ``Identity`` lists every user-assigned identity the description uses: the explicit
    /// ``ManagedIdentity`` components, and each identity a registry, mount or start-task resource file references
    /// (nodes can only use identities attached to their pool).
    ///
    /// - Parameter account: needed to turn data-plane application ids into the management plane's ARM ids.
    /// - Throws: ``AzureKitCore/AzureClientError`` (`.invalidArgument`) for a description the management plane
    ///   cannot express (autoscale without a formula, a task scheduling `jobDefaultOrder`).
    public init(_ spec: PoolSpecification, account: BatchAccountReference? = nil) throws {
        var properties = Properties(vmSize: spec.vmSize)
        properties.displayName = spec.displayName
        properties.deploymentConfiguration = spec.virtualMachineConfiguration.map {
            DeploymentConfiguration(virtualMachineConfiguration: VirtualMachineConfiguration($0))
        }
        properties.scaleSettings = try Self.scaleSettings(spec)
        properties.interNodeCommunication = spec.enableInterNodeCommunication.map { $0 ? .enabled : .disabled }
        properties.networkConfiguration = spec.networkConfiguration.map(NetworkConfiguration.init)
        properties.taskSlotsPerNode = spec.taskSlotsPerNode
        if let policy = spec.taskSchedulingPolicy {
            guard policy.jobDefaultOrder == nil else {
                throw AzureClientError(
                    .invalidArgument,
                    "pool '\(spec.id)': the management plane has no taskSchedulingPolicy.jobDefaultOrder; remove it or create the pool through the data plane"
                )
            }
            properties.taskSchedulingPolicy = TaskSchedulingPolicy(nodeFillType: policy.nodeFillType)
        }
        properties.userAccounts = spec.userAccounts?.map {
            UserAccount(
                name: $0.name, password: $0.password, elevationLevel: $0.elevationLevel.map(ManagementValue.init),
                linuxUserConfiguration: $0.linuxUserConfiguration)
        }
        properties.metadata = spec.metadata
        properties.startTask = spec.startTask.map(StartTask.init)
        properties.applicationPackages = try spec.applicationPackageReferences?.map { reference in
            if reference.applicationId.hasPrefix("/") {
                return ApplicationPackageReference(id: reference.applicationId, version: reference.version)
            }
            guard let account else {
                throw AzureClientError(
                    .invalidArgument,
                    "pool '\(spec.id)': application '\(reference.applicationId)' needs the Batch account to become an ARM id"
                )
            }
            return ApplicationPackageReference(
                id: account.resourceID + "/applications/" + reference.applicationId, version: reference.version)
        }
        properties.mountConfiguration = spec.mountConfiguration?.map(MountConfiguration.init)
        let identities = spec.referencedIdentities
        self.init(properties: properties, identity: identities.isEmpty ? nil : .userAssigned(identities))
    }

    static func scaleSettings(_ spec: PoolSpecification) throws -> ScaleSettings? {
        if spec.enableAutoScale == true {
            guard let formula = spec.autoScaleFormula, !formula.isEmpty else {
                throw AzureClientError(
                    .invalidArgument, "pool '\(spec.id)': autoscale is enabled but there is no formula")
            }
            return ScaleSettings(
                autoScale: AutoScale(formula: formula, evaluationInterval: spec.autoScaleEvaluationInterval))
        }
        guard spec.targetDedicatedNodes != nil || spec.targetLowPriorityNodes != nil || spec.resizeTimeout != nil else {
            return nil
        }
        return ScaleSettings(
            fixedScale: FixedScale(
                resizeTimeout: spec.resizeTimeout, targetDedicatedNodes: spec.targetDedicatedNodes,
                targetLowPriorityNodes: spec.targetLowPriorityNodes))
    }
}

extension PoolSpecification {
    /// Every user-assigned identity the pool needs attached, in first-use order, without duplicates (ids compare
    /// ignoring case): explicit ones, then those of registries, mounts and start-task resource files.
    public var referencedIdentities: [String] {
        var ids = userAssignedIdentities ?? []
        let configuration = virtualMachineConfiguration?.containerConfiguration
        ids += (configuration?.containerRegistries ?? []).compactMap { $0.identityReference?.resourceId }
        ids += (mountConfiguration ?? []).compactMap {
            $0.azureBlobFileSystemConfiguration?.identityReference?.resourceId
        }
        ids += (startTask?.resourceFiles ?? []).compactMap { $0.identityReference?.resourceId }
        if let registry = startTask?.containerSettings?.registry?.identityReference?.resourceId { ids.append(registry) }
        var seen = Set<String>()
        return ids.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}

extension ManagementPool.VirtualMachineConfiguration {
    init(_ data: AzureBatchKit.VirtualMachineConfiguration) {
        let image = data.imageReference
        self.init(
            imageReference: ManagementPool.ImageReference(
                publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version,
                id: image.virtualMachineImageId,
                sharedGalleryImageId: image.sharedGalleryImageId, communityGalleryImageId: image.communityGalleryImageId
            ),
            nodeAgentSkuId: data.nodeAgentSKUId)
        windowsConfiguration = data.windowsConfiguration
        dataDisks = data.dataDisks?.map {
            ManagementPool.DataDisk(
                lun: $0.lun, caching: $0.caching.map(ManagementValue.init), diskSizeGB: $0.diskSizeGB,
                storageAccountType: $0.storageAccountType.map(ManagementValue.init))
        }
        licenseType = data.licenseType
        containerConfiguration = data.containerConfiguration.map {
            ManagementPool.ContainerConfiguration(
                type: ManagementValue($0.type), containerImageNames: $0.containerImageNames,
                containerRegistries: $0.containerRegistries)
        }
        nodePlacementConfiguration = data.nodePlacementConfiguration.map {
            ManagementPool.NodePlacementConfiguration(policy: $0.policy.map(ManagementValue.init))
        }
    }
}

extension ManagementPool.StartTask {
    init(_ data: AzureBatchKit.StartTask) {
        self.init(
            commandLine: data.commandLine, resourceFiles: data.resourceFiles,
            environmentSettings: data.environmentSettings,
            userIdentity: data.userIdentity.map {
                ManagementPool.UserIdentity(
                    userName: $0.username,
                    autoUser: $0.autoUser.map {
                        ManagementPool.AutoUser(
                            scope: $0.scope.map(ManagementValue.init),
                            elevationLevel: $0.elevationLevel.map(ManagementValue.init))
                    })
            },
            maxTaskRetryCount: data.maxTaskRetryCount, waitForSuccess: data.waitForSuccess,
            containerSettings: data.containerSettings.map {
                ManagementPool.TaskContainerSettings(
                    containerRunOptions: $0.containerRunOptions, imageName: $0.imageName, registry: $0.registry,
                    workingDirectory: $0.workingDirectory.map(ManagementValue.init),
                    containerHostBatchBindMounts: $0.containerHostBatchBindMounts)
            })
    }
}

extension ManagementPool.NetworkConfiguration {
    init(_ data: AzureBatchKit.NetworkConfiguration) {
        self.init(
            subnetId: data.subnetId,
            dynamicVnetAssignmentScope: data.dynamicVNetAssignmentScope.map(ManagementValue.init),
            publicIPAddressConfiguration: data.publicIPAddressConfiguration.map {
                ManagementPool.PublicIPAddressConfiguration(
                    provision: $0.provision.map(ManagementValue.init), ipAddressIds: $0.ipAddressIds)
            },
            enableAcceleratedNetworking: data.enableAcceleratedNetworking)
    }
}

extension ManagementPool.MountConfiguration {
    init(_ data: AzureBatchKit.MountConfiguration) {
        self.init(
            azureBlobFileSystemConfiguration: data.azureBlobFileSystemConfiguration,
            nfsMountConfiguration: data.nfsMountConfiguration,
            cifsMountConfiguration: data.cifsMountConfiguration.map {
                ManagementPool.CIFSMountConfiguration(
                    userName: $0.username, source: $0.source, relativeMountPath: $0.relativeMountPath,
                    mountOptions: $0.mountOptions, password: $0.password)
            },
            azureFileShareConfiguration: data.azureFileShareConfiguration)
    }
}
