/// The console's page: a frame the script fills. It loads only `/ui/console.css` and
/// `/ui/console.js` (no inline script or style, as the Content-Security-Policy requires).
enum ConsoleHTML {
    static let page = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Switchyard console</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/ui/console.css">
        <script src="/ui/console.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="topbar">
        <span class="brand">Switchyard</span>
        <nav id="nav" aria-label="Console pages"></nav>
        <span id="who" class="muted"></span>
        <button id="signout" type="button" hidden>Sign out</button>
        </header>
        <div id="notice" role="status" aria-live="polite"></div>
        <main id="main" tabindex="-1"><noscript>The console needs JavaScript.</noscript></main>
        </body>
        </html>
        """#
}
