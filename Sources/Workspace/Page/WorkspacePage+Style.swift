extension WorkspacePage {
    /// The page's style sheet: system fonts, the report's colours.
    static let style = #"""
        :root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f5f7f9; --accent: #a3191f; --good: #1a7f37; --bad: #c2261d; --warn: #9a6700; --blue: #0969da; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
        header.bar { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; padding: 8px 24px; background: #fff; border-bottom: 2px solid var(--accent); }
        .brand { font-size: 17px; white-space: nowrap; }
        .brand b { color: var(--accent); letter-spacing: .02em; }
        .brand span { color: var(--muted); margin-left: 6px; }
        nav#tabs { display: flex; flex-wrap: wrap; gap: 4px; flex: 1; }
        nav#tabs button { font: inherit; border: 1px solid transparent; background: none; padding: 6px 12px; border-radius: 6px; cursor: pointer; color: var(--ink); }
        nav#tabs button:hover { background: var(--soft); }
        nav#tabs button[aria-selected="true"] { background: var(--accent); color: #fff; }
        .queue { font-size: 13px; color: var(--muted); cursor: pointer; padding: 3px 10px; border: 1px solid var(--line); border-radius: 12px; white-space: nowrap; }
        .queue.busy { color: var(--blue); border-color: #9ec5f5; background: #eef6ff; }
        .lang { display: flex; gap: 2px; }
        .lang button { font: inherit; font-size: 13px; border: 1px solid var(--line); background: #fff; padding: 3px 8px; cursor: pointer; }
        .lang button:first-child { border-radius: 6px 0 0 6px; }
        .lang button:last-child { border-radius: 0 6px 6px 0; }
        .lang button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
        main { max-width: 1400px; margin: 0 auto; padding: 16px 24px 48px; }
        h2 { font-size: 22px; margin: 6px 0 8px; }
        h3 { font-size: 17px; margin: 18px 0 8px; }
        h4 { font-size: 14px; margin: 14px 0 6px; color: var(--muted); }
        .muted, .hint { color: var(--muted); }
        .hint { font-size: 14px; }
        code { font: 13px ui-monospace, "DejaVu Sans Mono", monospace; }
        pre { font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 420px; white-space: pre-wrap; }
        .row { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 10px 14px; margin: 8px 0; }
        .row h2 { margin: 0; }
        .split { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 20px; align-items: start; }
        .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 16px; }
        .grid2 .wide { grid-column: 1 / -1; }
        .grid4 { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px 14px; padding: 8px 0; }
        @media (max-width: 900px) { .split, .grid2 { grid-template-columns: 1fr; } }
        .field { display: flex; flex-direction: column; gap: 3px; font-size: 13px; color: var(--muted); min-width: 0; }
        .field > span { font-weight: 600; }
        .field.small { width: 160px; }
        .field.grow { flex: 1 1 260px; min-width: 220px; }
        input, select, textarea { font: inherit; font-size: 14px; color: var(--ink); padding: 6px 8px; border: 1px solid #b6bfc8; border-radius: 6px; background: #fff; width: 100%; }
        input[type="checkbox"], input[type="radio"] { width: auto; padding: 0; }
        textarea { resize: vertical; }
        input:focus, select:focus, textarea:focus, button:focus-visible { outline: 2px solid var(--blue); outline-offset: 1px; }
        button { font: inherit; font-size: 14px; padding: 6px 14px; border: 1px solid #b6bfc8; border-radius: 6px; background: #fff; cursor: pointer; color: var(--ink); }
        button:hover { background: var(--soft); }
        button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
        button.primary:hover { background: #86141a; }
        button.danger { border-color: var(--bad); color: var(--bad); }
        button.x { border: 0; background: none; padding: 0 4px; font-size: 16px; line-height: 1; color: var(--muted); }
        button:disabled { opacity: .6; cursor: default; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); }
        td.r, table.num td { text-align: right; font-variant-numeric: tabular-nums; }
        table.num td.l { text-align: left; }
        table.list tbody tr { cursor: pointer; }
        table.list tbody tr:hover { background: var(--soft); }
        table.list tbody tr.sel { background: #fff4e5; }
        table.problems { margin: 10px 0; }
        table.problems caption { text-align: left; font-weight: 700; color: var(--bad); padding: 4px 0; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px; font-weight: 600; white-space: nowrap; }
        .badge.ok { background: #dcf3e2; color: var(--good); }
        .badge.bad { background: #fde2df; color: var(--bad); }
        .badge.warn { background: #fff1c7; color: var(--warn); }
        .msg { margin: 8px 0; padding: 8px 12px; border-radius: 6px; border: 1px solid var(--line); background: var(--soft); }
        .msg.ok { background: #eaf5ec; border-color: #b7dfc0; }
        .msg.bad { background: #fdecea; border-color: #f3b8b3; }
        .msg.wait { color: var(--muted); }
        .detail { border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 12px; min-height: 120px; }
        ol.changes { padding-left: 0; list-style: none; margin: 0; }
        li.change { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; background: #fcfcfd; }
        .change-head { display: flex; align-items: center; gap: 10px; }
        .change-head button { margin-left: auto; }
        .change-body { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; margin-top: 6px; }
        .change-body > div:not(.field) { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; flex-basis: 100%; }
        .change-body > div:not(.field) > div:not(.field) { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; flex: 1 1 100%; }
        .criteria, .target { display: flex; flex-wrap: wrap; gap: 8px 14px; flex-basis: 100%; }
        .radios, .checks { display: flex; flex-wrap: wrap; gap: 4px 14px; color: var(--ink); font-size: 14px; padding: 4px 0; }
        label.check { display: flex; align-items: center; gap: 6px; font-size: 14px; }
        details.rules { margin: 14px 0; border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
        details.rules summary { cursor: pointer; font-weight: 600; }
        .picker { position: relative; min-width: 0; }
        .picker .chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 3px; }
        .chip { display: inline-flex; align-items: center; gap: 2px; background: #eef2f6; border: 1px solid var(--line); border-radius: 12px; padding: 1px 4px 1px 9px; font-size: 13px; color: var(--ink); }
        .pick-list { position: absolute; z-index: 10; left: 0; right: 0; top: 100%; margin: 2px 0 0; padding: 2px 0; list-style: none; background: #fff; border: 1px solid #b6bfc8; border-radius: 6px; max-height: 280px; overflow: auto; box-shadow: 0 6px 18px rgba(0, 0, 0, .12); }
        .pick-list li { padding: 4px 10px; cursor: pointer; color: var(--ink); }
        .pick-list li small { display: block; color: var(--muted); font-size: 12px; }
        .pick-list li.on, .pick-list li:hover { background: #eef6ff; }
        .pick-list li.none { color: var(--muted); cursor: default; }
        .card { border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px 14px; margin: 12px 0; }
        .job-head { display: flex; align-items: center; gap: 14px; }
        .job-head h3 { margin: 6px 0; }
        .job-head button { margin-left: auto; }
        .state { color: var(--blue); font-weight: 600; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 8px 0; }
        .tile { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; background: var(--soft); }
        .tl { font-size: 12.5px; color: var(--muted); }
        .tv { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
        .bar { height: 6px; background: #eceff2; border-radius: 3px; overflow: hidden; }
        .bar i { display: block; height: 100%; width: 0; background: var(--blue); transition: width .5s; }
        figure.progress-chart { margin: 10px 0; }
        figure.progress-chart figcaption { font-size: 12.5px; color: var(--muted); }
        svg.spark { width: 100%; max-width: 700px; height: 140px; background: #fbfcfd; border: 1px solid var(--line); border-radius: 6px; }
        svg.spark polyline { fill: none; stroke-width: 2; }
        svg.spark .inc { stroke: var(--accent); }
        svg.spark .bnd { stroke: var(--blue); stroke-dasharray: 5 3; }
        svg.spark text { font-size: 11px; fill: var(--muted); }
        .status { display: inline-block; padding: 6px 12px; border-radius: 6px; border: 1px solid #b7dfc0; background: #eaf5ec; }
        .status.bad { background: #fdecea; border-color: #f3b8b3; }
        iframe.report { width: 100%; height: 900px; border: 1px solid var(--line); border-radius: 8px; margin-top: 8px; background: #fff; }
        img.chart { max-width: 100%; border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; }
        ul.plain { list-style: none; padding: 0; }
        ul.plain li { padding: 3px 0; }
        .modal { position: fixed; inset: 0; z-index: 20; background: rgba(31, 35, 40, .45); display: flex; align-items: center; justify-content: center; }
        .modal[hidden] { display: none; }
        .dialog { background: #fff; border-radius: 10px; padding: 16px 22px; max-width: 520px; box-shadow: 0 12px 40px rgba(0, 0, 0, .3); }
        table.decide td { vertical-align: middle; }
        table.decide td.reason { font-size: 13px; color: var(--muted); max-width: 380px; }
        table.decide input.note { min-width: 150px; font-size: 13px; padding: 4px 6px; }
        table.decide tr[data-decision="accept"] { background: #f1faf3; }
        table.decide tr[data-decision="reject"] { background: #fdf1f0; }
        table.decide tr[data-decision="keep"] { background: #eef5fd; }
        .verdicts { display: inline-flex; border: 1px solid #b6bfc8; border-radius: 6px; overflow: hidden; white-space: nowrap; background: #fff; }
        .verdicts label.v { position: relative; display: block; cursor: pointer; }
        .verdicts label.v input { position: absolute; inset: 0; z-index: 1; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; }
        .verdicts label.v span { display: block; padding: 4px 9px; font-size: 13px; border-left: 1px solid var(--line); }
        .verdicts label.v:first-child span { border-left: 0; }
        .verdicts label.v input:checked + span { color: #fff; font-weight: 600; }
        .verdicts label.v-accept input:checked + span { background: var(--good); }
        .verdicts label.v-reject input:checked + span { background: var(--bad); }
        .verdicts label.v-keep input:checked + span { background: var(--blue); }
        .verdicts label.v-pending input:checked + span { background: var(--muted); }
        .verdicts label.v input:focus-visible + span { outline: 2px solid var(--blue); outline-offset: -3px; }
        .verdicts label.off { opacity: .35; }
        .verdicts label.off input { cursor: not-allowed; }
        .counts { font-weight: 600; margin: 0; }
        .scroll { max-height: 420px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
        table.cost { max-width: 820px; margin: 8px 0; }
        table.cost th { font-weight: 600; }
        [hidden] { display: none !important; }
        """#
}
