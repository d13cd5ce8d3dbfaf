/// The page script's geometry and time axis: the view window (which stretch of the run is shown),
/// where each row sits, how times and values are written.
enum HTMLScriptAxis {
    static let source = #"""
        const LABEL_W = 170, RIGHT_PAD = 18, AXIS_H = 28, LANE_H = 28, BAR_H = 16, STRIP_ROW_H = 14;
        const LEVEL_H = 42, SECTION_GAP = 14, MARK_W = 5;
        const view = { t0: 0, t1: 1, width: 1000, current: -1, height: 0 };
        const layout = { lanesTop: AXIS_H, stripsTop: 0, stripTops: [], levelsTop: 0, height: 0 };

        function plotWidth() { return Math.max(60, view.width - LABEL_W - RIGHT_PAD); }
        function xOf(t) { return LABEL_W + ((t - view.t0) / (view.t1 - view.t0)) * plotWidth(); }
        function tOf(x) { return view.t0 + ((x - LABEL_W) / plotWidth()) * (view.t1 - view.t0); }
        function laneTop(l) { return layout.lanesTop + l * LANE_H; }
        function laneMid(l) { return laneTop(l) + LANE_H / 2; }

        function computeLayout() {
          let y = layout.lanesTop + run.lanes.length * LANE_H + SECTION_GAP;
          layout.stripsTop = y;
          layout.stripTops = run.strips.map((strip) => {
            const top = y;
            y += Math.max(1, strip.rows.length) * STRIP_ROW_H + 8;
            return top;
          });
          if (run.strips.length) y += SECTION_GAP;
          layout.levelsTop = y;
          y += run.levels.length * (LEVEL_H + 8);
          layout.height = y + 8;
        }

        const UNITS = [[1, "s"], [1e-3, "ms"], [1e-6, "µs"], [1e-9, "ns"]];

        /** `seconds` in the unit that suits its size: 1.25 s, 12.3 ms, 87 µs. */
        function fmtTime(seconds) {
          const size = Math.abs(seconds);
          if (size === 0) return "0 s";
          const [scale, unit] = UNITS.find(([scale]) => size >= scale) || UNITS[UNITS.length - 1];
          const value = seconds / scale;
          const digits = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 10 ? 2 : 3;
          return Number(value.toFixed(digits)) + " " + unit;
        }

        /** An event's moment, to the microsecond as the timeline file has it: 1.000146 s. */
        function fmtInstant(seconds) { return seconds.toFixed(6) + " s"; }

        /** A tick label: the unit of the tick step, with only the digits the step needs; far into a
         *  long run (ticks of 2 µs at 1.000394 s), seconds with as many decimals as the step needs. */
        function fmtTick(t, step) {
          const [scale, unit] = UNITS.find(([scale]) => step >= scale) || UNITS[UNITS.length - 1];
          if (Math.abs(t) / scale >= 10000) {
            return t.toFixed(Math.max(0, Math.min(9, -Math.floor(Math.log10(step) + 1e-9)))) + " s";
          }
          const digits = Math.max(0, Math.min(9, -Math.floor(Math.log10(step / scale) + 1e-9)));
          return (t / scale).toFixed(digits) + " " + unit;
        }

        function fmtValue(value) {
          if (value === null || value === undefined) return "—";
          if (typeof value === "string") return "“" + value + "”";
          if (typeof value === "number" || typeof value === "boolean") return String(value);
          return JSON.stringify(value);
        }

        function fmtCount(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

        /** A step of 1, 2 or 5 times a power of ten, giving about one tick per 100 pixels. */
        function tickStep(span, pixels) {
          const rough = span / Math.max(1, pixels / 100);
          const power = Math.pow(10, Math.floor(Math.log10(rough)));
          const ratio = rough / power;
          return power * (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10);
        }

        function drawAxis(out) {
          const step = tickStep(view.t1 - view.t0, plotWidth());
          out.push('<g data-role="axis" class="axis">');
          const first = Math.ceil(view.t0 / step);
          for (let n = first; n * step <= view.t1 + step * 1e-9 && n - first < 200; n++) {
            const t = n * step, x = xOf(t);
            out.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${AXIS_H - 6}" y2="${layout.height}"/>`);
            if (x + 60 < view.width) {
              out.push(`<text x="${(x + 3).toFixed(1)}" y="${AXIS_H - 10}">${esc(fmtTick(t, step))}</text>`);
            }
          }
          out.push("</g>");
        }
        """#
}
