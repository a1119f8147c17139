/// The page's and report's one stylesheet, inlined (no font or file is fetched).
enum DashboardStyle {
    static let css = #"""
        :root { --ok:#2e9d5b; --bad:#d64545; --run:#3b82f6; --wait:#9ca3af; --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f8fafc; }
        header { padding: 14px 24px; background: #0f172a; color: #f8fafc; display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
        header h1 { font-size: 18px; margin: 0; }
        header .meta { color: #cbd5e1; font-size: 13px; }
        header .status { margin-left: auto; font-size: 13px; padding: 2px 10px; border-radius: 10px; background: #334155; }
        header .status.complete { background: var(--ok); }
        main { padding: 16px 24px 40px; max-width: 1280px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; }
        section h2 { font-size: 15px; margin: 0 0 10px; }
        .cards { display: flex; gap: 10px; flex-wrap: wrap; }
        .card { min-width: 92px; padding: 8px 12px; border-radius: 6px; background: #f1f5f9; }
        .card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card .label { color: var(--muted); font-size: 12px; }
        .card.running .value { color: var(--run); } .card.succeeded .value { color: var(--ok); } .card.failed .value { color: var(--bad); }
        .progress { display: flex; height: 10px; margin-top: 12px; border-radius: 5px; overflow: hidden; background: var(--line); }
        .progress span.succeeded { background: var(--ok); } .progress span.failed { background: var(--bad); }
        .progress span.running { background: var(--run); } .progress span.active { background: var(--wait); }
        table.tasks { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        table.tasks th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 6px 8px; cursor: pointer; user-select: none; white-space: nowrap; }
        table.tasks th.asc::after { content: " ▲"; } table.tasks th.desc::after { content: " ▼"; }
        table.tasks td { padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
        table.tasks td.command { max-width: 360px; overflow: hidden; text-overflow: ellipsis; font-family: ui-monospace, monospace; font-size: 12px; color: var(--muted); }
        tr.task.failed { background: #fef2f2; cursor: pointer; } tr.task:hover { background: #f1f5f9; }
        tr.failure td { color: var(--bad); font-size: 12px; padding-top: 0; white-space: normal; background: #fef2f2; }
        .pill { padding: 1px 8px; border-radius: 9px; font-size: 12px; background: var(--line); }
        .pill.succeeded { background: #dcfce7; color: #166534; } .pill.failed { background: #fee2e2; color: #991b1b; }
        .pill.running, .pill.preparing { background: #dbeafe; color: #1e40af; }
        svg { display: block; max-width: 100%; height: auto; }
        svg .lane { fill: #fff; } svg .lane:nth-of-type(4n+1) { fill: #f8fafc; }
        svg .lane-label, svg .axis { font-size: 11px; fill: var(--muted); }
        svg .tick { stroke: var(--line); stroke-width: 1; }
        svg .bar.succeeded { fill: var(--ok); } svg .bar.failed { fill: var(--bad); } svg .bar.running { fill: var(--run); }
        svg .series { fill: none; stroke-width: 2; } svg .series.current { stroke: var(--run); }
        svg .series.target { stroke: #f59e0b; stroke-dasharray: 6 4; } svg .series.autoscale { stroke: #a855f7; stroke-dasharray: 2 3; }
        .node-idle { fill: #cbd5e1; background: #cbd5e1; } .node-running { fill: var(--run); background: var(--run); }
        .node-starting { fill: #f5b942; background: #f5b942; } .node-starttaskfailed { fill: #b91c1c; background: #b91c1c; }
        .node-preempted { fill: #a855f7; background: #a855f7; } .node-unusable { fill: #7f1d1d; background: #7f1d1d; }
        .node-offline { fill: #4b5563; background: #4b5563; } .node-other { fill: #e5e7eb; background: #e5e7eb; }
        ul.legend { list-style: none; padding: 0; margin: 0 0 10px; display: flex; gap: 14px; flex-wrap: wrap; color: var(--muted); font-size: 12px; }
        ul.legend li.zero { opacity: .55; } ul.legend b { color: var(--ink); }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 5px; vertical-align: -2px; }
        .line { display: inline-block; width: 18px; height: 0; margin-right: 5px; vertical-align: 3px; border-top: 2px solid var(--run); }
        .line.target { border-top: 2px dashed #f59e0b; } .line.autoscale { border-top: 2px dotted #a855f7; }
        .empty { color: var(--muted); margin: 4px 0; }
        .error { color: var(--bad); margin: 0 0 12px; }
        pre.stderr { background: #0f172a; color: #e2e8f0; padding: 10px 12px; border-radius: 6px; overflow: auto; max-height: 320px; font-size: 12px; margin: 6px 0 0; white-space: pre-wrap; }
        details { margin: 6px 0; } summary { cursor: pointer; font-weight: 600; }
        footer { color: var(--muted); font-size: 12px; padding: 0 24px 24px; }
        """#
}
