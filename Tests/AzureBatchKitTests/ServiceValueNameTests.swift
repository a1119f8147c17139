import Foundation
import Testing

@testable import AzureBatchKit

/// Swift names are camelCase; the wire keeps the service's spelling, and decoding still matches it ignoring case.
struct ServiceValueNameTests {
    @Test(
        "camelCase names carry the wire spelling",
        arguments: [
            (AllTasksCompleteAction.terminateJob.rawValue, "terminatejob"),
            (AllTasksCompleteAction.noAction.rawValue, "noaction"),
            (TaskFailureAction.performExitOptionsJobAction.rawValue, "performexitoptionsjobaction"),
            (ErrorCategory.userError.rawValue, "usererror"), (ErrorCategory.serverError.rawValue, "servererror"),
            (TaskAddStatus.clientError.rawValue, "clienterror"), (ElevationLevel.nonAdmin.rawValue, "nonadmin"),
            (OutputFileUploadCondition.taskCompletion.rawValue, "taskcompletion"),
            (NodeState.waitingForStartTask.rawValue, "waitingforstarttask"),
            (NodeState.upgradingOS.rawValue, "upgradingos"),
            (IPAddressProvisioningType.noPublicIPAddresses.rawValue, "nopublicipaddresses"),
            (CachingType.readWrite.rawValue, "readwrite"),
            (NodeDeallocationOption.retainedData.rawValue, "retaineddata"),
        ])
    func wireSpelling(raw: String, wire: String) {
        #expect(raw == wire)
    }

    @Test func decodingIgnoresCaseAndEncodingKeepsTheWireSpelling() throws {
        let decoded = try JSONDecoder().decode(
            [AllTasksCompleteAction].self, from: Data(#"["TerminateJob","noaction"]"#.utf8))
        #expect(decoded == [.terminateJob, .noAction])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["terminatejob","noaction"]"#)
    }
}
