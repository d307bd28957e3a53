/// The workspace's page: a small HTML document whose scripts (``PageFiles``, ES modules under
/// `Resources/page`) build the panels. It loads its scripts and style sheet from this server
/// only; its content security policy forbids any other source, inline script and being framed.
enum WorkspacePage {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page, Vietnamese until the script applies the reader's choice; `csrf` is the
    /// session's token, which the script sends back on every request that changes something.
    static func html(csrf: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="DiaBan">
        <meta name="csrf-token" content="\(csrf)">
        <title>DiaBan — Không gian làm việc</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/page/workspace.css">
        <script type="module" src="/page/app.mjs"></script>
        </head>
        <body>
        <header class="masthead">
        <div class="brand"><b>DiaBan</b><span id="brand-sub">Không gian làm việc</span></div>
        <nav id="tabs" role="tablist" aria-label="DiaBan"></nav>
        <div id="queue" class="queue" role="status" aria-live="polite" title="Giải / Solve"></div>
        <div class="lang" role="group" aria-label="Ngôn ngữ / Language"><button type="button" data-lang="vi" aria-pressed="true">VI</button><button type="button" data-lang="en" aria-pressed="false">EN</button></div>
        </header>
        <main id="main">
        <noscript><p>Không gian làm việc cần JavaScript. / The workspace needs JavaScript.</p></noscript>
        <section class="panel" id="panel-scenarios" role="tabpanel" aria-labelledby="tab-scenarios"></section>
        <section class="panel" id="panel-whatif" role="tabpanel" aria-labelledby="tab-whatif" hidden></section>
        <section class="panel" id="panel-solve" role="tabpanel" aria-labelledby="tab-solve" hidden></section>
        <section class="panel" id="panel-compare" role="tabpanel" aria-labelledby="tab-compare" hidden></section>
        <section class="panel" id="panel-tradeoff" role="tabpanel" aria-labelledby="tab-tradeoff" hidden></section>
        </main>
        <div id="modal" class="modal" hidden></div>
        </body>
        </html>

        """
    }
}
