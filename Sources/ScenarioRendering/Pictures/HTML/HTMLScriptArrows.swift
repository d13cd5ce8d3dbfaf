/// The page script's arrows: who unblocked whom, from the event that ended a wait (a release, a put,
/// the barrier's last arrival…) to the event that ended it (the acquire, get, pass…). Arrows that
/// would be drawn over one another at this zoom are drawn once, thicker, with their count.
enum HTMLScriptArrows {
    static let source = #"""
        const ARROW_LIMIT = 2000;

        function drawArrows(out) {
          const merged = new Map(), events = run.events;
          let visible = 0;
          run.links.forEach((link, k) => {
            const a = events[link.from], b = events[link.to];
            if (a.lane < 0 || b.lane < 0) return;
            if (Math.max(a.t, b.t) < view.t0 || Math.min(a.t, b.t) > view.t1) return;
            visible += 1;
            const xa = xOf(a.t), xb = xOf(b.t);
            const key = `${Math.round(xa / 3)}/${a.lane}/${Math.round(xb / 3)}/${b.lane}`;
            const seen = merged.get(key);
            if (seen) seen.count += 1;
            else merged.set(key, { k, xa, ya: laneMid(a.lane), xb, yb: laneMid(b.lane), count: 1 });
          });
          const current = view.current;
          out.push('<g data-role="arrows" clip-path="url(#plot-clip)">');
          let drawn = 0, left = 0;
          for (const arrow of merged.values()) {
            if (drawn >= ARROW_LIMIT) { left += arrow.count; continue; }
            drawn += 1;
            const link = run.links[arrow.k];
            const mine = current >= 0 && (link.from === current || link.to === current);
            const classes = "arrow" + (arrow.count > 1 ? " many" : "") + (mine ? " current" : "");
            out.push(`<path data-role="arrow" data-link="${arrow.k}" data-count="${arrow.count}"`,
              ` class="${classes}" marker-end="url(#${mine ? "head-current" : "head"})"`,
              ` d="${arrowPath(arrow.xa, arrow.ya, arrow.xb, arrow.yb)}"/>`);
          }
          out.push("</g>");
          return left > 0
            ? `${fmtCount(left)} of ${fmtCount(visible)} “who unblocked whom” arrows are not drawn at this zoom; zoom in to see them.`
            : "";
        }

        /** A curve that leaves the releasing lane and arrives at the waiting lane, even when both
         *  events happened at (almost) the same moment or on the same lane. */
        function arrowPath(xa, ya, xb, yb) {
          const f = (v) => v.toFixed(1);
          if (ya === yb) {
            const lift = Math.min(LANE_H * 0.9, 10 + Math.abs(xb - xa) / 4);
            return `M${f(xa)} ${f(ya - 5)}C${f(xa)} ${f(ya - lift)} ${f(xb)} ${f(yb - lift)} ${f(xb)} ${f(yb - 6)}`;
          }
          const down = yb > ya ? 1 : -1;
          const bend = Math.max(14, Math.abs(xb - xa) / 2);
          const ya1 = ya + down * 6, yb1 = yb - down * 7;
          return `M${f(xa)} ${f(ya1)}C${f(xa + bend)} ${f(ya1 + down * 4)} ${f(xb - bend)} ${f(yb1 - down * 4)} ${f(xb)} ${f(yb1)}`;
        }
        """#
}
