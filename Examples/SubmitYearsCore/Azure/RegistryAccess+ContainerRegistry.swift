import AzureBatchKit
import AzureRegistryKit

extension RegistryAccess {
    /// The pool's `containerRegistries` entry for this registry, as AzureBatchKit's wire type: the one place the
    /// example joins the two sibling modules. `nil` when nodes pull anonymously (Batch needs no entry then).
    public var batchRegistry: ContainerRegistry? {
        switch nodeLogin {
        case .password(let username, let password)?: .basic(loginServer, username: username, password: password)
        case .managedIdentity(let resourceID)?: .managedIdentity(loginServer, resourceID: resourceID)
        case nil: nil
        }
    }
}
