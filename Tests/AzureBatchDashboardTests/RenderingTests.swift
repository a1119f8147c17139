import AzureBatchKit
import Foundation
import Testing

@testable import AzureBatchDashboard

@Suite("Page and report rendering")
struct RenderingTests {
    static func hostileState() -> JobSnapshot {
        var state = DashboardViewTests.runningState()
        state.tasks[3].id = "<script>alert(1)</script>"
        state.tasks[3].failure = "code: \"quoted\" & <b>bold</b>"
        return state
    }

    @Test("the report is one self-contained file: inline style and script, no external resource")
    func selfContained() {
        let html = DashboardPage.report(
            DashboardView(state: DashboardViewTests.runningState(), now: DashboardViewTests.at(240)),
            stderrTails: ["task4": "Traceback: boom"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for external in ["src=", "<link", "@import", "url(", "http:", "https:", "fetch("] {
            #expect(!html.contains(external), "the report refers to something outside it: \(external)")
        }
        #expect(
            html.contains("<style>") && html.contains("<svg class=\"timeline\"")
                && html.contains("<svg class=\"heatmap\""))
        #expect(html.components(separatedBy: "<tr class=\"task ").count - 1 == 8)
        #expect(
            html.contains(
                "<details open><summary>task4 — FailureExitCode: exit 3</summary><pre class=\"stderr\">Traceback: boom</pre>"
            ))
    }

    @Test("the live page embeds everything and only talks to its own server")
    func livePage() {
        let html = DashboardPage.live(jobID: "job-1", mode: .azure, pollMilliseconds: 1500)
        for external in ["src=", "<link", "@import", "url(", "http:", "https:"] { #expect(!html.contains(external)) }
        #expect(html.contains("fetch(\"api/sections\"") && html.contains("var pollMs = 1500;"))
    }

    @Test("text from tasks is escaped everywhere it appears")
    func escaping() {
        let view = DashboardView(state: Self.hostileState(), now: DashboardViewTests.at(240))
        let html = DashboardPage.report(view, stderrTails: ["<script>alert(1)</script>": "</pre><img src=x>"])
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(!html.contains("<img src=x>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("code: &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"))
    }

    @Test(
        "durations and numbers as the page shows them",
        arguments: [(42.4, "42 s"), (187, "3:07"), (3723, "1:02:03"), (59.6, "1:00")])
    func durations(seconds: Double, text: String) {
        #expect(HTMLText.duration(seconds) == text)
    }

    @Test("local worker slots are the nodes: busy ones running, the rest idle")
    func localSlots() {
        let t0 = DashboardViewTests.t0
        let statuses = [
            LocalTaskStatus(
                taskID: "a", commandLine: "run --input in?sig=secret", state: .running, slot: 1, startTime: t0),
            LocalTaskStatus(taskID: "b", commandLine: "run", state: .active),
        ]
        let state = LocalJobStateSource.state(
            jobID: "j", slots: 3, statuses: statuses, counts: TaskCounts(active: 1, running: 1),
            startTime: t0, now: t0.addingTimeInterval(10), inputBytes: { _ in 5 })
        #expect(state.nodes.map(\.id) == ["slot-1", "slot-2", "slot-3"])
        #expect(state.nodes.map(\.state) == [.idle, .running, .idle])
        #expect(state.tasks[0].nodeID == "slot-2" && state.tasks[0].inputBytes == nil)
        #expect(state.tasks[0].commandLine == "run --input in?sig=REDACTED")
        #expect(state.poolSamples.map(\.currentNodes) == [3, 3])
    }
}
