/// The page's stylesheet. Colours are chosen to stay apart for the common colour-vision deficiencies
/// and to print; every state also has a word in the legend and the tooltip, never colour alone.
enum HTMLStyles {
    static let css = #"""
        :root {
          --running: #4c78a8; --blocked: #e45756; --sleeping: #a0a0a0; --working: #54a24b;
          --gil: #eeca3b; --queued: #b279a2; --ink: #1f2328; --muted: #59636e; --line: #d0d7de;
          --paper: #ffffff; --band: #f6f8fa; --current: #ff7f0e;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--ink); background: var(--paper);
        }
        body { margin: 0 1rem 2rem; }
        h1 { font-size: 1.4rem; margin: 0.8rem 0 0.2rem; }
        h2 { font-size: 1rem; margin: 0 0 0.4rem; }
        #run-facts { margin: 0; color: var(--muted); }
        .badge { display: inline-block; padding: 0 0.45em; border-radius: 0.6em; color: #fff; font-weight: 600; }
        .badge.ok { background: #2e7d32; } .badge.bad { background: #c62828; } .badge.other { background: #6d4c41; }
        .notice { background: #fff4ce; border: 1px solid #e6c300; padding: 0.3rem 0.6rem; border-radius: 4px; }
        .notice.error { background: #ffe3e3; border-color: #c62828; }
        nav#controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 0.6rem 0 0.3rem;
          position: sticky; top: 0; background: var(--paper); padding: 0.3rem 0; z-index: 2; }
        nav .group { display: inline-flex; gap: 0.3rem; align-items: center; }
        button { font: inherit; padding: 0.2rem 0.6rem; border: 1px solid var(--line); border-radius: 4px;
          background: var(--band); cursor: pointer; }
        button:hover { background: #eaeef2; } button:disabled { opacity: 0.45; cursor: default; }
        #step-position, #view-range { color: var(--muted); font-variant-numeric: tabular-nums; }
        #current-event { min-height: 1.4em; margin: 0.2rem 0 0.5rem; padding: 0.3rem 0.6rem;
          border-left: 4px solid var(--current); background: #fff7ef; }
        #timeline-box { border: 1px solid var(--line); border-radius: 4px; overflow-x: hidden; touch-action: pan-y; }
        svg#timeline { display: block; width: 100%; user-select: none; }
        svg text { font-size: 11px; fill: var(--ink); }
        .hint { color: var(--muted); font-size: 0.85rem; }
        .axis line { stroke: var(--line); } .axis text { fill: var(--muted); }
        .band { fill: var(--band); }
        .label { font-weight: 600; }
        .sublabel { fill: var(--muted); }
        .s-running { fill: var(--running); } .s-blocked { fill: var(--blocked); } .s-sleeping { fill: var(--sleeping); }
        .s-working { fill: var(--working); } .s-gil { fill: var(--gil); } .s-queued { fill: var(--queued); }
        .span-text { fill: #fff; font-size: 10px; pointer-events: none; }
        .ev { stroke: #fff; stroke-width: 0.8; cursor: pointer; fill: #333; }
        .ev.k-acquire { fill: #1b5e20; } .ev.k-release { fill: #66bb6a; }
        .ev.k-put { fill: #0d47a1; } .ev.k-get { fill: #64b5f6; }
        .ev.k-wait, .ev.k-pass { fill: #6a1b9a; } .ev.k-log { fill: #ef6c00; }
        .ev.k-block { fill: #b71c1c; } .ev.agg { fill: #37474f; opacity: 0.85; }
        .arrow { fill: none; stroke: #263238; stroke-width: 1.2; opacity: 0.75; pointer-events: none; }
        .arrow.many { stroke-width: 2.2; }
        .arrow.current { stroke: var(--current); stroke-width: 2.4; opacity: 1; }
        .hold-text { fill: #fff; font-size: 10px; pointer-events: none; }
        .level-area { fill: rgba(76, 120, 168, 0.35); stroke: var(--running); stroke-width: 1; }
        .current-line { stroke: var(--current); stroke-width: 2; pointer-events: none; }
        .marks:not([hidden]) { display: flex; flex-direction: column; gap: 0.2rem; background: #fce4ec; border-color: #ad1457; }
        .marks button { text-align: left; background: #fff; }
        .pointed-line { stroke: #ad1457; stroke-width: 2; stroke-dasharray: 4 3; pointer-events: none; }
        .pointed-ring { fill: none; stroke: #ad1457; stroke-width: 3; pointer-events: none; }
        .current-ring { fill: none; stroke: var(--current); stroke-width: 2.5; pointer-events: none; }
        #tooltip { position: absolute; z-index: 5; background: #1f2328; color: #fff; padding: 0.35rem 0.55rem;
          border-radius: 4px; font-size: 0.85rem; max-width: 28rem; pointer-events: none; white-space: pre-wrap; }
        #panels { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: 1rem; align-items: flex-start; }
        .panel { border: 1px solid var(--line); border-radius: 4px; padding: 0.6rem 0.8rem; min-width: 14rem; }
        .panel table { border-collapse: collapse; } .panel td { padding: 0.1rem 0.6rem 0.1rem 0; }
        .panel ul { list-style: none; margin: 0; padding: 0; }
        .expectation.ok::before { content: "✓ "; color: #2e7d32; font-weight: 700; }
        .expectation.fail::before { content: "✗ "; color: #c62828; font-weight: 700; }
        .expectation.fail { color: #c62828; }
        .cycle-lane { fill: #fff3e0; stroke: #ef6c00; stroke-width: 1.5; }
        .cycle-object { fill: #e3f2fd; stroke: #1565c0; stroke-width: 1.5; }
        .cycle-edge { stroke: #263238; stroke-width: 1.5; fill: none; }
        .cycle-edge.waits { stroke: var(--blocked); stroke-dasharray: 5 3; }
        .legend-row { display: flex; align-items: center; gap: 0.4rem; margin: 0.1rem 0; font-size: 0.9rem; }
        """#
}
