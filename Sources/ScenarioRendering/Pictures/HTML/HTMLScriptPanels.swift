/// The page script's panels around the timeline: the run's facts and any shortening, the final
/// state, the expectations with ✓/✗, the deadlock drawn as its cycle, and the legend.
enum HTMLScriptPanels {
    static let source = #"""
        let stuckLanes = null;
        function deadlockedLanes() {
          if (stuckLanes === null) {
            stuckLanes = new Set(cycleOf(run).map((entry) => entry.lane).filter((l) => l >= 0));
          }
          return stuckLanes;
        }

        function cycleOf(p) {
          const cycle = p.deadlock ? list(p.deadlock.cycle) : [];
          return cycle.filter((c) => c && typeof c === "object").map((c) => ({
            lane: Number.isInteger(c.lane) && c.lane >= 0 && c.lane < p.lanes.length ? c.lane : -1,
            holds: list(c.holds).map(String), waits: c.waits == null ? null : String(c.waits) }));
        }

        function fillFacts() {
          const good = run.status === "ok", bad = ["deadlock", "failed", "error"].includes(run.status);
          const facts = [run.title, run.file, run.runtime && ("runtime " + run.runtime + (run.executor ? " (" + run.executor + ")" : "")),
            fmtCount(run.lanes.length) + " instances", fmtCount(run.events.length) + " events", fmtTime(run.duration)]
            .filter(Boolean).map(esc).join(" · ");
          $("run-facts").innerHTML = `<span class="badge ${good ? "ok" : bad ? "bad" : "other"}" data-role="status">`
            + `${esc(run.status)}</span> ${facts}`;
          if (run.error) {
            const note = $("run-error");
            note.textContent = "Error: " + run.error;
            note.hidden = false;
          }
          if (run.shortened) {
            const note = $("shortened");
            note.textContent = "Shortened: " + run.shortened;
            note.hidden = false;
          }
        }

        function fillState() {
          $("state").innerHTML = run.state.length === 0 ? '<p class="hint">No variables.</p>'
            : "<table>" + run.state.map((s) => `<tr data-role="state"><td>${esc(s.name)}</td>`
              + `<td>${esc(fmtValue(s.value))}</td></tr>`).join("") + "</table>";
          $("expectations").innerHTML = run.expectations.length === 0 ? '<p class="hint">None.</p>'
            : "<ul>" + run.expectations.map((x) => `<li data-role="expectation" class="expectation ${x.ok ? "ok" : "fail"}">`
              + `${esc(x.name)} = ${esc(fmtValue(x.actual))}` + (x.ok ? "" : ` (expected ${esc(fmtValue(x.expected))})`)
              + "</li>").join("") + "</ul>";
        }

        /** The cycle as a ring: each instance points (dashed) at what it waits for, and each object
         *  points at the instance of the cycle that holds it. */
        function fillDeadlock() {
          if (!run.deadlock) return;
          $("deadlock-panel").hidden = false;
          const cycle = cycleOf(run), nodes = [], edges = [];
          const objectNode = new Map();
          cycle.forEach((entry, i) => {
            nodes.push({ id: "lane" + i, text: laneName(entry.lane), kind: "lane" });
            if (entry.waits !== null && !objectNode.has(entry.waits)) {
              objectNode.set(entry.waits, nodes.length);
              nodes.push({ id: "object" + i, text: entry.waits, kind: "object" });
            }
          });
          const laneNode = (i) => nodes.findIndex((n) => n.id === "lane" + i);
          cycle.forEach((entry, i) => {
            if (entry.waits !== null) edges.push({ from: laneNode(i), to: objectNode.get(entry.waits), kind: "waits" });
            entry.holds.forEach((name) => {
              if (objectNode.has(name)) edges.push({ from: objectNode.get(name), to: laneNode(i), kind: "held" });
            });
          });
          const radius = Math.max(60, nodes.length * 22), size = 2 * radius + 140, middle = size / 2;
          nodes.forEach((n, i) => {
            const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, nodes.length);
            n.x = middle + radius * Math.cos(angle); n.y = middle + radius * Math.sin(angle);
          });
          const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" data-role="cycle"`,
            ` data-cycle-length="${cycle.length}" role="img" aria-label="The deadlock cycle">`,
            '<defs><marker id="cycle-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"',
            ' orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="#263238"/></marker></defs>'];
          for (const e of edges) {
            const a = nodes[e.from], b = nodes[e.to];
            const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy) || 1, cut = 34 / length;
            parts.push(`<line data-role="cycle-edge" class="cycle-edge ${e.kind}" marker-end="url(#cycle-head)"`,
              ` x1="${(a.x + dx * cut).toFixed(1)}" y1="${(a.y + dy * cut).toFixed(1)}"`,
              ` x2="${(b.x - dx * cut).toFixed(1)}" y2="${(b.y - dy * cut).toFixed(1)}">`,
              `<title>${e.kind === "waits" ? esc(a.text) + " waits for " + esc(b.text) : esc(a.text) + " is held by " + esc(b.text)}</title></line>`);
          }
          for (const n of nodes) {
            parts.push(n.kind === "lane"
              ? `<ellipse data-role="cycle-node" class="cycle-lane" cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" rx="34" ry="17"/>`
              : `<rect data-role="cycle-node" class="cycle-object" x="${(n.x - 34).toFixed(1)}" y="${(n.y - 14).toFixed(1)}" width="68" height="28" rx="3"/>`,
              `<text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}" text-anchor="middle">${esc(n.text.length > 11 ? n.text.slice(0, 10) + "…" : n.text)}</text>`);
          }
          parts.push("</svg>");
          const text = typeof run.deadlock.text === "string" ? run.deadlock.text : "";
          $("deadlock").innerHTML = parts.join("") + `<p class="hint">Dashed red: waits for. Solid: is held by.</p>`
            + (text ? `<pre>${esc(text)}</pre>` : "");
        }

        function fillLegend() {
          const swatch = (cls) => `<svg width="26" height="14"><rect class="${cls}" width="26" height="14"/></svg>`;
          const mark = (kind, cls) => `<svg width="26" height="14"><path class="ev ${cls || "k-" + kind}" d="${markPath(kind, 13, 7)}"/></svg>`;
          const rows = [
            [swatch("s-running"), "running"], [swatch("s-blocked"), "blocked (waits for the object written on it)"],
            [swatch("s-sleeping"), "sleeping"], [swatch("s-working"), "working"], [swatch("s-gil"), "waiting for the GIL"],
            [swatch("s-queued"), "queued in a pool"],
            [mark("acquire"), "acquire"], [mark("release"), "release"], [mark("put"), "put (dark) / get (light)"],
            [mark("wait"), "barrier wait / pass"], [mark("log"), "log"], [mark("block"), "block"], [mark("read", "k-other"), "other events"],
            ['<svg width="26" height="14"><rect class="ev agg" x="1" y="1" width="24" height="12" rx="3"/></svg>', "several events too close to tell apart: zoom in"],
            ['<svg width="26" height="14"><path class="arrow" d="M2 12C14 12 12 2 24 2" marker-end="url(#head)"/></svg>', "who unblocked whom"],
            [swatch("level-area"), "queue size / semaphore permits in use"],
          ];
          $("legend").innerHTML = rows.map(([picture, words]) => `<div class="legend-row">${picture}<span>${esc(words)}</span></div>`).join("");
        }
        """#
}
