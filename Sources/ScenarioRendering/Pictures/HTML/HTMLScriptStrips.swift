/// The page script's object rows under the lanes: a strip per lock, rlock and semaphore showing who
/// held it when (overlapping holders of a semaphore in rows of their own), and each queue's size
/// (and each semaphore's permits in use) over time as a step curve.
enum HTMLScriptStrips {
    static let source = #"""
        function drawStrips(out) {
          run.strips.forEach((strip, n) => {
            const top = layout.stripTops[n], height = strip.rows.length * STRIP_ROW_H;
            out.push(`<g data-role="strip" data-object="${esc(strip.name)}">`,
              `<rect class="band" x="0" y="${top - 2}" width="${view.width}" height="${height + 4}"/>`,
              `<text class="label" x="6" y="${top + 11}">${esc(strip.name)}</text>`,
              `<text class="sublabel" x="${LABEL_W - 8}" y="${top + 11}" text-anchor="end">${esc(strip.kind)}</text>`,
              '<g clip-path="url(#plot-clip)">');
            strip.rows.forEach((row, r) => {
              const y = top + r * STRIP_ROW_H;
              paintIntervals(row, (h) => h.lane,
                (h, x0, x1) => {
                  const [fill, ink] = PALETTE[h.lane % PALETTE.length];
                  out.push(`<rect data-role="hold" data-hold="${h.k}" x="${x0.toFixed(1)}" y="${y}"`,
                    ` width="${(x1 - x0).toFixed(1)}" height="${STRIP_ROW_H - 2}" style="fill:${fill}"/>`);
                  const name = laneName(h.lane);
                  if (x1 - x0 > name.length * 6 + 6) {
                    out.push(`<text class="hold-text" style="fill:${ink}" x="${(x0 + 3).toFixed(1)}"`,
                      ` y="${y + 10}">${esc(name)}</text>`);
                  }
                },
                (lane, x0, x1) => out.push(`<rect data-role="hold-merged" x="${x0}" y="${y}" width="${x1 - x0}"`,
                  ` height="${STRIP_ROW_H - 2}" style="fill:${PALETTE[lane % PALETTE.length][0]}"/>`));
            });
            out.push("</g></g>");
          });
        }

        function drawLevels(out) {
          run.levels.forEach((level, n) => {
            const top = layout.levelsTop + n * (LEVEL_H + 8), base = top + LEVEL_H;
            let most = 0;
            for (const p of level.points) most = Math.max(most, p[1]);
            const yOf = (v) => base - (most > 0 ? (Math.max(0, v) / most) * (LEVEL_H - 6) : 0);
            const what = level.kind === "semaphore" ? "permits in use" : "size";
            out.push(`<g data-role="level" data-object="${esc(level.object)}">`,
              `<rect class="band" x="0" y="${top}" width="${view.width}" height="${LEVEL_H}"/>`,
              `<text class="label" x="6" y="${top + 14}">${esc(level.object)}</text>`,
              `<text class="sublabel" x="6" y="${top + 28}">${esc(what)}, at most ${fmtCount(most)}</text>`,
              `<path class="level-area" clip-path="url(#plot-clip)" d="${levelPath(level.points, yOf, base)}"/>`,
              "</g>");
          });
        }

        /** A step curve; points that share a pixel column become a spike to their highest value. */
        function levelPath(points, yOf, base) {
          const f = (v) => v.toFixed(1), right = LABEL_W + plotWidth();
          const start = lowerBound(points, view.t0, (p) => p[0]);
          const parts = [`M${LABEL_W} ${f(base)}V${f(yOf(start > 0 ? points[start - 1][1] : 0))}`];
          let column = null, x0 = 0, highest = 0, last = 0;
          const flush = () => {
            if (column === null) return;
            parts.push(`H${f(x0)}V${f(yOf(highest))}`);
            if (last !== highest) parts.push(`V${f(yOf(last))}`);
          };
          for (let i = start; i < points.length && points[i][0] <= view.t1; i++) {
            const x = xOf(points[i][0]), c = Math.floor(x), v = points[i][1];
            if (c !== column) { flush(); column = c; x0 = x; highest = v; } else highest = Math.max(highest, v);
            last = v;
          }
          flush();
          parts.push(`H${f(right)}V${f(base)}Z`);
          return parts.join("");
        }
        """#
}
