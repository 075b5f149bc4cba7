/// The console's stylesheet: readable from a 390 px phone to a wide screen, focus always
/// visible, colours that keep text contrast above 4.5:1.
enum ConsoleCSS {
    static let stylesheet = #"""
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d8dde6; --soft: #f4f6f9; --accent: #2f5fa3; --good: #1f7a45; --bad: #b3261e;
          --spend: #2f5fa3; --requests: #3c8a6e; --prompt: #7a5ab8; --completion: #c27c1a; --errors: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .4rem .8rem; z-index: 10; }
        .skip:focus { left: .5rem; }
        .topbar { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem; padding: .6rem 1.2rem; background: #18233a; color: #fff; }
        .topbar .brand { font-weight: 700; letter-spacing: .02em; }
        .topbar nav { display: flex; flex-wrap: wrap; gap: .2rem; flex: 1; }
        .topbar nav a { color: #dbe4f5; text-decoration: none; padding: .25rem .55rem; border-radius: 5px; }
        .topbar nav a[aria-current="page"] { background: #fff; color: #18233a; font-weight: 600; }
        .topbar nav a:hover { text-decoration: underline; }
        .topbar .muted { color: #c5cede; }
        main { max-width: 84rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
        main:focus { outline: none; }
        h1 { font-size: 1.45rem; margin: .4rem 0 .8rem; }
        h1:focus { outline: none; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
        button, .row-actions a { font: inherit; padding: .3rem .7rem; border: 1px solid #aab3c2; border-radius: 5px; background: var(--soft); color: var(--ink); cursor: pointer; text-decoration: none; display: inline-block; }
        button:hover { background: #e8ecf2; }
        button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        button.danger { color: var(--bad); border-color: #d9a5a1; }
        button.link { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; }
        button:disabled { opacity: .5; cursor: default; }
        input, select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #9aa4b5; border-radius: 5px; width: 100%; background: #fff; color: var(--ink); }
        input[type="checkbox"] { width: auto; }
        .field, .field input { min-width: 0; }
        input:invalid { border-color: var(--bad); }
        .muted, small { color: var(--muted); }
        small { display: block; font-size: .82rem; }
        .notice { margin: .6rem 1.2rem; padding: .5rem .8rem; border-radius: 5px; background: #e7f3ec; color: var(--good); }
        .notice.error { background: #fbeaea; color: var(--bad); }
        dialog .notice { margin: .5rem 0; }
        .signin { max-width: 26rem; margin: 3rem auto; display: grid; gap: .5rem; }
        .toolbar { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; justify-content: space-between; margin-bottom: .6rem; }
        .toolbar p { margin: 0; }
        .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; padding: .4rem .6rem; font-weight: 600; color: var(--muted); }
        th, td { text-align: left; padding: .4rem .6rem; border-top: 1px solid var(--line); vertical-align: top; }
        th { background: var(--soft); font-size: .85rem; white-space: nowrap; }
        td code { font-size: .85rem; word-break: break-all; }
        .row-actions { display: flex; flex-wrap: wrap; gap: .3rem; }
        .row-actions button, .row-actions a { padding: .15rem .5rem; font-size: .88rem; }
        .badge { justify-self: start; align-self: start; display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .8rem; font-weight: 600; }
        .badge.good { background: #e2f2e8; color: var(--good); }
        .badge.bad { background: #fbe4e2; color: var(--bad); }
        .pager { display: flex; gap: .6rem; align-items: center; justify-content: flex-end; margin-top: .6rem; flex-wrap: wrap; }
        .empty { color: var(--muted); padding: .6rem 0; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .6rem; margin-bottom: 1rem; }
        .tile { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
        .tile span { display: block; color: var(--muted); font-size: .85rem; }
        .tile strong { font-size: 1.35rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
        .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: 1rem; }
        .chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
        .chart figcaption { font-weight: 600; margin-bottom: .3rem; }
        .chart svg { width: 100%; height: 12rem; display: block; }
        .chart.meter { margin-bottom: 1rem; max-width: 40rem; }
        .chart.meter svg { height: 1.25rem; border-radius: 4px; }
        .chart .grid line { stroke: #e3e7ee; }
        .chart text { font-size: 11px; fill: var(--muted); }
        .chart .track { fill: var(--soft); }
        .bar.spend, .key.spend::before { fill: var(--spend); background: var(--spend); }
        .bar.requests, .key.requests::before { fill: var(--requests); background: var(--requests); }
        .bar.prompt, .key.prompt::before { fill: var(--prompt); background: var(--prompt); }
        .bar.completion, .key.completion::before { fill: var(--completion); background: var(--completion); }
        .bar.errors, .key.errors::before { fill: var(--errors); background: var(--errors); }
        .legend { display: flex; gap: 1rem; margin: .3rem 0; font-size: .85rem; }
        .key::before { content: ""; display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; border-radius: 2px; vertical-align: -1px; }
        .chart details { font-size: .85rem; margin-top: .3rem; }
        dialog { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; width: min(40rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 2rem); }
        dialog::backdrop { background: rgba(20, 28, 45, .45); }
        dialog h2 { margin-top: 0; word-break: break-all; }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .8rem; justify-content: flex-end; }
        .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr)); gap: .6rem 1rem; }
        .fields .actions, .fields .notice { grid-column: 1 / -1; }
        .field { display: grid; gap: .2rem; align-content: start; }
        .field label { font-weight: 600; font-size: .9rem; }
        .field.check { grid-template-columns: auto 1fr; align-items: center; column-gap: .5rem; }
        .field.check small { grid-column: 1 / -1; }
        .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); gap: .5rem .8rem; margin-bottom: .8rem; }
        .filters .actions { grid-column: 1 / -1; justify-content: flex-start; margin-top: 0; }
        .secret { display: block; padding: .6rem; background: var(--soft); border-radius: 5px; word-break: break-all; font-size: 1rem; user-select: all; }
        .details { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
        .details dt { font-weight: 600; }
        .details dd { margin: 0; word-break: break-word; }
        .names { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; }
        @media (max-width: 640px) {
          .topbar { padding: .5rem .7rem; }
          .topbar nav { order: 3; flex-basis: 100%; }
          .topbar .muted { margin-left: auto; }
          caption { display: block; padding-left: 0; }
          main { padding: .8rem .7rem 2rem; }
          .scroll { border: 0; overflow: visible; }
          table, tbody, tr, td { display: block; width: 100%; }
          thead { display: none; }
          tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .6rem; padding: .2rem 0; }
          td { border: 0; display: grid; grid-template-columns: 7.5rem 1fr; gap: .5rem; padding: .25rem .6rem; }
          td::before { content: attr(data-label); font-weight: 600; color: var(--muted); font-size: .85rem; }
          .details { grid-template-columns: 1fr; }
          .details dd { margin-bottom: .4rem; }
        }
        """#
}
