/// The page script's lanes: one row per instance with its state bars and event marks. What is
/// narrower than a pixel is merged (the state that fills most of a pixel column; one mark for the
/// events that share a few columns), so the drawing costs what is visible, not what the run holds.
enum HTMLScriptLanes {
    static let source = #"""
        /**
         * Paints back-to-back intervals (sorted by `from`) into `out`: each wide enough one through
         * `wide`, and runs of narrower ones as 1-pixel columns, each the colour of the key that fills
         * most of it, through `narrow(key, x0, x1)` (adjacent columns of one key become one rect).
         */
        function paintIntervals(items, keyOf, wide, narrow) {
          const left = LABEL_W, right = LABEL_W + plotWidth();
          let start = lowerBound(items, view.t0, (it) => it.from);
          if (start > 0) start -= 1;
          let column = -1, weights = null, runKey = null, runX0 = 0, runX1 = 0;
          const flushRun = () => { if (runKey !== null) narrow(runKey, runX0, runX1); runKey = null; };
          const flushColumn = () => {
            if (weights === null) return;
            let best = null, bestWeight = -1;
            for (const [key, weight] of weights) if (weight > bestWeight) { best = key; bestWeight = weight; }
            if (runKey === best && runX1 >= column) runX1 = column + 1;
            else { flushRun(); runKey = best; runX0 = column; runX1 = column + 1; }
            weights = null;
          };
          for (let i = start; i < items.length; i++) {
            const it = items[i];
            if (it.from > view.t1) break;
            const x0 = Math.max(left, xOf(it.from)), x1 = Math.min(right, xOf(it.to));
            if (x1 < left || x1 < x0) continue;
            if (x1 - x0 >= 1.5) {
              flushColumn(); flushRun();
              wide(it, x0, x1);
            } else {
              const c = Math.floor(x0);
              if (c !== column) { flushColumn(); column = c; weights = new Map(); }
              const key = keyOf(it);
              weights.set(key, (weights.get(key) || 0) + Math.max(x1 - x0, 0.001));
            }
          }
          flushColumn(); flushRun();
        }

        function drawLane(l, out) {
          const top = laneTop(l), barTop = top + (LANE_H - BAR_H) / 2, lane = run.lanes[l];
          const stuck = deadlockedLanes().has(l);
          out.push(`<g data-role="lane" data-lane="${l}">`,
            `<rect class="band" x="0" y="${top}" width="${view.width}" height="${LANE_H}"`,
            `${stuck ? ' style="fill:#ffebee"' : l % 2 ? ' style="fill:#fff"' : ""}/>`,
            `<text class="label" x="6" y="${top + 13}">${esc(lane.name)}${stuck ? " ⚠" : ""}</text>`);
          if (lane.worker && lane.worker !== lane.name) {
            out.push(`<text class="sublabel" x="6" y="${top + 24}">${esc(lane.worker)}</text>`);
          } else if (stuck) {
            out.push(`<text class="sublabel" x="6" y="${top + 24}">deadlocked</text>`);
          }
          out.push('<g clip-path="url(#plot-clip)">');
          paintIntervals(run.laneSpans[l], (s) => s.state,
            (s, x0, x1) => {
              out.push(`<rect data-role="span" data-state="${s.state}" data-span="${s.k}" class="s-${s.state}"`,
                ` x="${x0.toFixed(1)}" y="${barTop}" width="${(x1 - x0).toFixed(1)}" height="${BAR_H}"/>`);
              if (s.state === "blocked" && s.object && x1 - x0 > 40) {
                const text = "waits for " + s.object;
                const fit = Math.floor((x1 - x0 - 6) / 6);
                out.push(`<text class="span-text" x="${(x0 + 3).toFixed(1)}" y="${barTop + 12}">`,
                  `${esc(text.length > fit ? text.slice(0, Math.max(1, fit - 1)) + "…" : text)}</text>`);
              }
            },
            (state, x0, x1) => out.push(`<rect data-role="span-merged" data-state="${state}" class="s-${state}"`,
              ` x="${x0}" y="${barTop}" width="${x1 - x0}" height="${BAR_H}"/>`));
          drawMarks(l, top + LANE_H / 2, out);
          out.push("</g></g>");
        }

        /** A mark per event, or one mark for the events that fall in the same few pixel columns. */
        function drawMarks(l, y, out) {
          const indexes = run.laneEvents[l], events = run.events;
          const slack = (view.t1 - view.t0) * (MARK_W / plotWidth());
          let group = [], bucket = null;
          const flush = () => {
            if (group.length === 1) {
              const i = group[0], e = events[i];
              out.push(`<path data-role="event" data-i="${i}" data-count="1" class="ev k-${esc(e.event)}"`,
                ` d="${markPath(e.event, xOf(e.t), y)}"/>`);
            } else if (group.length > 1) {
              const first = group[0], last = group[group.length - 1];
              const x0 = xOf(events[first].t), x1 = Math.max(xOf(events[last].t), x0 + 4);
              out.push(`<rect data-role="event" data-count="${group.length}" data-first="${first}"`,
                ` data-last="${last}" class="ev agg" x="${(x0 - 2).toFixed(1)}" y="${y - 6}"`,
                ` width="${(x1 - x0 + 4).toFixed(1)}" height="12" rx="3"/>`);
            }
            group = [];
          };
          for (let n = lowerBound(indexes, view.t0 - slack, (i) => events[i].t); n < indexes.length; n++) {
            const i = indexes[n], t = events[i].t;
            if (t > view.t1 + slack) break;
            const b = Math.floor((xOf(t) - LABEL_W) / MARK_W);
            if (b !== bucket) { flush(); bucket = b; }
            group.push(i);
          }
          flush();
        }

        /** The mark's shape says its kind: ▲ acquire, ▼ release, ■ put/get, ◆ wait/pass, ● log. */
        function markPath(kind, x, y) {
          const r = 5, f = (v) => v.toFixed(1);
          switch (kind) {
            case "acquire": return `M${f(x)} ${f(y - r)}L${f(x + r)} ${f(y + r - 1)}L${f(x - r)} ${f(y + r - 1)}Z`;
            case "release": return `M${f(x)} ${f(y + r)}L${f(x + r)} ${f(y - r + 1)}L${f(x - r)} ${f(y - r + 1)}Z`;
            case "put": case "get":
              return `M${f(x - r + 1)} ${f(y - r + 1)}h${2 * r - 2}v${2 * r - 2}h${-(2 * r - 2)}Z`;
            case "wait": case "pass":
              return `M${f(x)} ${f(y - r)}L${f(x + r)} ${f(y)}L${f(x)} ${f(y + r)}L${f(x - r)} ${f(y)}Z`;
            case "block": return `M${f(x - 1.5)} ${f(y - r - 1)}h3v${2 * r + 2}h-3Z`;
            default: {
              const q = kind === "log" ? r - 0.5 : r - 2;
              return `M${f(x - q)} ${f(y)}a${q} ${q} 0 1 0 ${2 * q} 0a${q} ${q} 0 1 0 ${-2 * q} 0Z`;
            }
          }
        }
        """#
}
