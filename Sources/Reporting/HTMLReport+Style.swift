/// The report's one style sheet and one small script, inlined into the page.
enum HTMLStyle {
    /// System fonts only; a print style sheet for A4 (cards and table rows never split,
    /// interactive bits hidden, colours kept).
    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f5f7f9; --accent: #a3191f; --good: #1a7f37; --bad: #c2261d; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
        main { max-width: 1320px; margin: 0 auto; padding: 28px 32px 40px; }
        h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 6px; }
        h2 { font-size: 21px; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
        h3 { font-size: 15px; margin: 0 0 8px; }
        small { color: var(--muted); }
        code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
        .kicker { margin: 0; color: var(--accent); font-weight: 700; letter-spacing: .06em; text-transform: uppercase; font-size: 13px; }
        .lede { margin: 0 0 10px; color: var(--muted); max-width: 980px; }
        .status { display: inline-block; margin: 4px 0; padding: 6px 12px; border-radius: 6px; background: #eaf5ec; border: 1px solid #b7dfc0; }
        .status.bad { background: #fdecea; border-color: #f3b8b3; }
        .alert { margin: 12px 0; padding: 10px 16px; border: 1px solid #f3b8b3; background: #fdecea; border-radius: 6px; }
        .alert h2 { border: 0; margin: 4px 0; font-size: 17px; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
        .tile { display: flex; flex-direction: column; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--soft); break-inside: avoid; }
        .tl { flex: 1; font-size: 13px; color: var(--muted); }
        .tv { font-size: 27px; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.25; }
        .tb { font-size: 13px; color: var(--muted); }
        .delta { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 12px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .delta.good { background: #dcf3e2; color: var(--good); }
        .delta.worse { background: #fde2df; color: var(--bad); }
        .delta.same { background: #eceff2; color: var(--muted); }
        .two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; margin-top: 18px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        caption { text-align: left; font-weight: 700; padding: 4px 0 6px; }
        th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
        thead th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); }
        table.num td, th.r, td.r { text-align: right; font-variant-numeric: tabular-nums; }
        table.num tbody th { font-weight: 500; }
        th small, td small { display: block; font-weight: 400; font-size: 12px; }
        tr.total th, tr.total td { font-weight: 700; border-top: 1.5px solid var(--ink); }
        .caption { color: var(--muted); margin: 0 0 10px; }
        .mapwrap { display: grid; grid-template-columns: minmax(0, 1fr) 390px; gap: 20px; align-items: start; }
        .mapsvg { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 8px; }
        .mapsvg .bg { fill: #f4f7f6; }
        .grat line { stroke: #dde3e1; stroke-width: .7; }
        .grat text { fill: #8a949c; font-size: 11px; }
        .area { fill-opacity: .3; stroke: #fff; stroke-width: .9; stroke-linejoin: round; }
        .area.lg { fill: #888; }
        .commune { stroke: #fff; stroke-width: 1.3; }
        .c:hover .commune { stroke: #000; stroke-width: 2; }
        .ring { fill: none; stroke-width: 3.2; }
        .ring-out { fill: none; stroke: var(--ink); stroke-width: 1; }
        .link { display: none; stroke-width: 1.4; opacity: .85; }
        .link.prev { stroke-dasharray: 5 4; }
        .c:hover .link { display: inline; }
        .base path { stroke: var(--ink); stroke-width: 1.3; }
        .hq path, .hqi { fill: var(--accent); stroke: #fff; stroke-width: 1.5; }
        .numbers text { font-size: 11.5px; font-weight: 700; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        .scale path { fill: none; stroke: var(--ink); stroke-width: 1.5; }
        .scale text, .north text { font-size: 12px; text-anchor: middle; fill: var(--ink); }
        .north path { fill: var(--ink); }
        #map.focus .c:not(.on), #map.focus .base:not(.on), #map.focus .area:not(.on), #map.focus .numbers { opacity: .13; }
        #map.focus .c.on .link { display: inline; }
        .legend { font-size: 13px; }
        .legend ul.symbols { list-style: none; margin: 0 0 12px; padding: 0; }
        .legend ul.symbols li { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
        .ico { width: 26px; height: 26px; flex: none; }
        .ico .lg { fill: #8a949c; stroke: #fff; stroke-width: 1.3; }
        .legend h3 { font-size: 13px; margin: 10px 0 2px; }
        .hint { color: var(--muted); margin: 0 0 6px; font-size: 12px; }
        ol.who { list-style: none; margin: 0; padding: 0; columns: 2; column-gap: 10px; }
        ol.who li { break-inside: avoid; }
        ol.who button, button.all { font: inherit; font-size: 12px; color: inherit; background: none; border: 1px solid transparent; border-radius: 5px; padding: 1px 4px; margin: 0; cursor: pointer; text-align: left; width: 100%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        ol.who button:hover, ol.who button.sel { border-color: var(--ink); background: var(--soft); }
        button.all { width: auto; border-color: var(--line); padding: 2px 10px; }
        ol.who small { color: var(--muted); }
        .sw { display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 5px; vertical-align: -1px; border: 1px solid rgba(0, 0, 0, .25); }
        .id { color: var(--muted); font-size: .82em; font-variant-numeric: tabular-nums; }
        .who .sw { margin-right: 4px; }
        table.moves { margin-bottom: 18px; }
        table.moves td.n { font-weight: 700; color: var(--accent); width: 2.2em; }
        table.moves { table-layout: fixed; }
        table.moves col.c-n { width: 2.6em; }
        table.moves col.c-commune { width: 13%; }
        table.moves col.c-who { width: 15%; }
        table.moves col.c-gain { width: 15em; }
        table.moves td { overflow-wrap: break-word; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(370px, 100%), 1fr)); gap: 12px; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; break-inside: avoid; font-size: 13.5px; }
        .card h3 { font-size: 14.5px; }
        .leave { color: var(--bad); font-style: normal; font-size: 12px; border: 1px solid currentColor; border-radius: 8px; padding: 0 6px; }
        .bar { position: relative; height: 10px; background: #e9edf0; border-radius: 5px; margin: 4px 0 4px; }
        .bar .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; }
        .bar .fill.over { outline: 2px solid var(--bad); }
        .bar .cap { position: absolute; top: -4px; bottom: -4px; width: 2px; margin-left: -1px; background: var(--ink); }
        .bar .was { position: absolute; top: -4px; bottom: -4px; width: 0; border-left: 2px dotted #6e7781; }
        .bl { margin: 0 0 4px; }
        .muted { color: var(--muted); }
        .card dl { display: grid; grid-template-columns: 10.5em 1fr; gap: 1px 10px; margin: 4px 0; }
        .card dt { color: var(--muted); }
        .card dd { margin: 0; }
        .cl { margin: 6px 0 0; }
        .cn.new { font-weight: 700; }
        .tm { font-style: normal; font-size: 9px; color: var(--muted); margin-right: 2px; vertical-align: 1px; }
        sup { color: var(--accent); font-weight: 700; font-size: 10px; margin-left: 1px; }
        .gone { color: var(--muted); }
        .notes ul.cols { columns: 2; column-gap: 28px; }
        .notes li { break-inside: avoid; }
        table.cmp { width: auto; min-width: 55%; }
        table.cmp thead th { text-align: right; }
        td.best { font-weight: 700; background: #dcf3e2; }
        .chart { margin: 18px 0 0; }
        .chart figcaption { font-weight: 700; margin-bottom: 6px; }
        .tradeoff { width: 100%; max-width: 760px; height: auto; display: block; }
        .axes line { stroke: #e1e5e9; }
        .axes text { font-size: 12px; fill: var(--muted); }
        .axes .tx, .axes .xl { text-anchor: middle; }
        .axes .ty { text-anchor: end; }
        .axes .yl { text-anchor: middle; }
        .axes .xl, .axes .yl { fill: var(--ink); font-weight: 600; }
        .front { fill: none; stroke: #8a949c; stroke-width: 1.5; stroke-dasharray: 4 3; }
        .pt circle { fill: #3b6ea8; stroke: #fff; stroke-width: 1.5; }
        .pt.hi circle { fill: var(--accent); }
        .pt text { font-size: 12px; fill: var(--ink); }
        footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
        @media (max-width: 980px) { .mapwrap, .two { grid-template-columns: minmax(0, 1fr); } }
        @page { size: A4; margin: 12mm 11mm 14mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 9.5pt; }
          main { max-width: none; padding: 0; }
          h1 { font-size: 20pt; }
          h2 { font-size: 14pt; margin-top: 16pt; break-after: avoid; }
          .screen, .hint, button.all { display: none !important; }
          .tiles { grid-template-columns: repeat(4, 1fr); gap: 6pt; }
          .tv { font-size: 17pt; }
          .two { grid-template-columns: 1fr 1fr; gap: 10pt; margin-top: 8pt; }
          .two th small { display: none; }
          .tile { padding: 5pt 7pt; }
          .tl, .tb { font-size: 8pt; }
          table.moves col.c-n { width: 3em; }
          table.moves col.c-commune { width: 15%; }
          table.moves col.c-who { width: 17%; }
          table.moves col.c-gain { width: 6.5em; }
          table.moves small.bd { display: none; }
          table { font-size: 8.5pt; }
          thead { display: table-header-group; }
          tr, .tile, .card, figure, .legend ul.symbols li { break-inside: avoid; }
          caption { break-after: avoid; }
          section.map { break-before: page; }
          .mapwrap { display: block; }
          .mapsvg { max-height: 185mm; width: auto; max-width: 100%; margin: 0 auto; }
          .legend { margin-top: 6pt; font-size: 8pt; }
          .legend ul.symbols { columns: 2; }
          ol.who { columns: 4; }
          ol.who button { font-size: 7.5pt; padding: 0; border: 0; }
          .link { display: none !important; }
          .cards { grid-template-columns: repeat(2, 1fr); gap: 6pt; }
          .card { font-size: 8.5pt; padding: 6pt 8pt; }
          section.officers { break-before: page; }
          .notes ul.cols { columns: 1; }
        }

        """

    /// Clicking an officer in the legend highlights their communes; clicking again (or
    /// "show all") shows everyone. Guarded so that it never throws, even on a page without a map.
    static let script = """
        (function () {
          var map = document.getElementById("map");
          if (!map || !document.querySelectorAll) { return; }
          var current = null;
          var pickers = document.querySelectorAll("[data-pick]");
          function show(id) {
            current = (id === "" || id === current) ? null : id;
            map.classList.toggle("focus", current !== null);
            var items = map.querySelectorAll("[data-o]");
            for (var i = 0; i < items.length; i++) {
              var ids = (items[i].getAttribute("data-o") || "").split(" ");
              items[i].classList.toggle("on", current !== null && ids.indexOf(current) >= 0);
            }
            for (var j = 0; j < pickers.length; j++) {
              pickers[j].classList.toggle("sel", current !== null && pickers[j].getAttribute("data-pick") === current);
            }
          }
          for (var k = 0; k < pickers.length; k++) {
            pickers[k].addEventListener("click", function (event) { show(event.currentTarget.getAttribute("data-pick") || ""); });
          }
        })();

        """
}
