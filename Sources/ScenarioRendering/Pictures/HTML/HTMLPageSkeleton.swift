/// The page's fixed HTML: the places the script fills in. Ids and `data-role` attributes are what
/// the script draws into and what the browser tests count.
enum HTMLPageSkeleton {
    /// The body's elements before the data block; `title` is already escaped.
    static func body(title: String) -> String {
        """
        <header>
          <h1>\(title)</h1>
          <p id="run-facts"></p>
          <p id="shortened" class="notice" hidden></p>
          <p id="run-error" class="notice" data-role="error" hidden></p>
          <div id="marks" class="notice marks" hidden></div>
          <p id="load-error" class="notice error" hidden></p>
        </header>
        <nav id="controls" aria-label="Step through and zoom">
          <span class="group">
            <button type="button" id="first" title="First event (Home)">|◀ First</button>
            <button type="button" id="prev" title="Previous event (←)">◀ Previous</button>
            <button type="button" id="next" title="Next event (→)">Next ▶</button>
            <button type="button" id="last" title="Last event (End)">Last ▶|</button>
            <span id="step-position" aria-live="polite"></span>
          </span>
          <span class="group">
            <button type="button" id="zoom-in" title="Zoom in (+, or the mouse wheel)">+ Zoom in</button>
            <button type="button" id="zoom-out" title="Zoom out (−)">− Zoom out</button>
            <button type="button" id="zoom-fit" title="Whole run (0)">Whole run</button>
            <span id="view-range"></span>
          </span>
        </nav>
        <p id="current-event" aria-live="polite">Press Next ▶ (or →) to walk through the run one event at a time.</p>
        <div id="timeline-box">
          <svg id="timeline" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Timeline of the run"></svg>
        </div>
        <p id="view-notes" class="hint"></p>
        <div id="tooltip" role="tooltip" hidden></div>
        <section id="panels">
          <div class="panel" id="state-panel"><h2>Final state</h2><div id="state"></div></div>
          <div class="panel" id="expectations-panel"><h2>Expectations</h2><div id="expectations"></div></div>
          <div class="panel" id="deadlock-panel" hidden><h2>Deadlock</h2><div id="deadlock"></div></div>
          <div class="panel" id="legend-panel"><h2>Legend</h2><div id="legend"></div></div>
        </section>
        <p class="hint">Hover or tap an event to see it. Keys: ← → previous/next event, Home/End first/last,
        + − zoom, 0 whole run. Wheel over the timeline zooms; drag or shift+wheel moves along it.</p>
        """
    }
}
