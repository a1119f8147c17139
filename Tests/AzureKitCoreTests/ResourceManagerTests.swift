import Foundation
import Testing

@testable import AzureKitCore

/// ARM ids, scopes and the error shape, without a service.
@Suite("Resource Manager runtime")
struct ResourceManagerTests {
    @Test(
        "resource ids parse into subscription, group, provider and type/name pairs",
        arguments: [
            (
                "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
                "Microsoft.ManagedIdentity/userAssignedIdentities", "id1", "rg"
            ),
            (
                "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct/blobServices/default/containers/raw/",
                "Microsoft.Storage/storageAccounts/blobServices/containers", "raw", "rg"
            ),
            ("/subscriptions/s1", "", "s1", nil),
            ("/SUBSCRIPTIONS/s1/RESOURCEGROUPS/rg", "", "rg", "rg"),
        ] as [(String, String, String, String?)])
    func parses(text: String, type: String, name: String, group: String?) throws {
        let id = try ResourceID(parsing: text)
        #expect(id.subscriptionID == "s1")
        #expect(id.resourceType == type && id.name == name && id.resourceGroup == group)
        #expect(!id.rawValue.hasSuffix("/"))
    }

    @Test(
        "malformed ids are refused with the reason",
        arguments: [
            "subscriptions/s1", "/subscriptions", "/subscriptions/s1/resourceGroups",
            "/subscriptions/s1//resourceGroups/rg",
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts", "/subscriptions/s1/things/x",
        ])
    func refuses(text: String) {
        #expect { try ResourceID(parsing: text) } throws: { error in
            (error as? AzureClientError)?.kind == .invalidArgument && "\(error)".contains("is not an Azure resource id")
        }
    }

    @Test("a scope applies to itself and what is below it, ignoring case, and not to a sibling with a longer name")
    func scopes() throws {
        let account = try ResourceID(
            parsing: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data")
        let container = try account.appending("blobServices", "default").appending("containers", "raw")
        #expect(account.isScope(of: container))
        #expect(try ResourceID(parsing: "/subscriptions/S1/resourceGroups/RG").isScope(of: container))
        #expect(!container.isScope(of: account))
        let sibling = try ResourceID(
            parsing: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/database")
        #expect(!account.isScope(of: sibling))
        #expect(account == (try ResourceID(parsing: account.rawValue.uppercased())))
    }

    @Test("the poller waits what the service asks, kept within its bounds")
    func pollerHonoursHints() async throws {
        let waits = WaitLog()
        let poller = Poller(
            minInterval: .seconds(2), maxInterval: .seconds(30),
            clock: AzureClock(sleep: { await waits.add($0) }, random: { 0.5 }))
        var round = 0
        let value = try await poller.poll(
            "three rounds",
            steps: { () async throws -> Poller.PollStep<Int> in
                round += 1
                switch round {
                case 1: return .pending(retryAfter: .seconds(1))  // below the minimum
                case 2: return .pending(retryAfter: .seconds(120))  // above the maximum
                case 3: return .pending(retryAfter: nil)  // backoff
                default: return .done(round)
                }
            })
        #expect(value == 4)
        #expect(await waits.all == [.seconds(2), .seconds(30), poller.interval(afterRound: 3)])
    }

    actor WaitLog {
        private(set) var all: [Duration] = []
        func add(_ duration: Duration) { all.append(duration) }
    }
}
