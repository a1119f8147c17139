/// The page's script, inlined: a table sorter (used by the report too) and, on the live page, a poll of
/// `api/sections` that swaps in the server-rendered sections and fetches a failed task's stderr on click.
enum DashboardScript {
    /// Sorting by a clicked header, kept across refreshes; failure detail rows follow their task row.
    static let sorter = #"""
        var sortState = { key: null, dir: 1 };
        function applySort(table) {
          if (!table || !sortState.key) return;
          var headers = table.querySelectorAll("th");
          var index = -1;
          headers.forEach(function (th, i) { th.classList.remove("asc", "desc"); if (th.dataset.key === sortState.key) { index = i; th.classList.add(sortState.dir > 0 ? "asc" : "desc"); } });
          if (index < 0) return;
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.querySelectorAll("tr.task"));
          var details = {};
          body.querySelectorAll("tr.failure").forEach(function (row) { details[row.dataset.for] = row; });
          rows.sort(function (a, b) {
            var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
            var nx = parseFloat(x), ny = parseFloat(y), c;
            if (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) && String(nx) === x.trim() && String(ny) === y.trim()) c = nx - ny;
            else if (x === "" || y === "") c = (x === "") - (y === "");
            else c = x.localeCompare(y, undefined, { numeric: true });
            return c * sortState.dir || (a.dataset.order - b.dataset.order);
          });
          rows.forEach(function (row) { body.appendChild(row); if (details[row.dataset.task]) body.appendChild(details[row.dataset.task]); });
        }
        document.addEventListener("click", function (event) {
          var th = event.target.closest("table.sortable th");
          if (!th) return;
          sortState = { key: th.dataset.key, dir: sortState.key === th.dataset.key ? -sortState.dir : 1 };
          applySort(th.closest("table"));
        });
        """#

    /// Polls the server; stops once the job is complete.
    static func live(pollMilliseconds: Int) -> String {
        #"""
        var pollMs = \#(pollMilliseconds);
        function setSection(id, html) { var el = document.getElementById(id); if (el && el.innerHTML !== html) el.innerHTML = html; }
        function refresh() {
          fetch("api/sections", { cache: "no-store" }).then(function (response) {
            if (!response.ok) throw new Error("HTTP " + response.status);
            return response.json();
          }).then(function (data) {
            Object.keys(data.sections).forEach(function (id) { setSection(id, data.sections[id]); });
            applySort(document.querySelector("#tasks table"));
            var status = document.getElementById("status");
            status.textContent = data.complete ? "job complete" : "live · updated " + new Date().toLocaleTimeString();
            status.classList.toggle("complete", data.complete);
            if (!data.complete) setTimeout(refresh, pollMs);
          }).catch(function (error) {
            document.getElementById("status").textContent = "disconnected (" + error.message + "), retrying";
            setTimeout(refresh, pollMs * 2);
          });
        }
        document.addEventListener("click", function (event) {
          var row = event.target.closest("tr.task.failed");
          if (!row) return;
          var id = row.dataset.task, panel = document.getElementById("stderr");
          panel.innerHTML = "<h2>stderr of " + id.replace(/[&<>"']/g, "") + "</h2><pre class=\"stderr\">loading…</pre>";
          fetch("api/tasks/" + encodeURIComponent(id) + "/stderr", { cache: "no-store" })
            .then(function (response) { return response.text(); })
            .then(function (text) { panel.querySelector("pre").textContent = text || "(empty)"; panel.scrollIntoView({ behavior: "smooth" }); });
        });
        refresh();
        """#
    }
}
