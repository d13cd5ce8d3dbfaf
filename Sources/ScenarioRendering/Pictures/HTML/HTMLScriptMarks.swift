/// The page script's pointed-out events (the picture's `marks`, such as the two operations of a
/// diff's first divergence in each run): a dashed line across the event's lane and a ring, and
/// above the timeline a button per mark with its sentence that makes it the current event.
enum HTMLScriptMarks {
    static let source = #"""
        function drawPointedOut(out) {
          run.marks.forEach((mark, n) => {
            const e = run.events[mark.event];
            if (e.t < view.t0 || e.t > view.t1 || e.lane < 0) return;
            const x = xOf(e.t).toFixed(1), top = laneTop(e.lane);
            out.push(`<g data-role="pointed-out" data-i="${mark.event}" data-mark="${n}">`,
              `<line class="pointed-line" x1="${x}" x2="${x}" y1="${top - 3}" y2="${top + LANE_H + 3}"/>`,
              `<circle class="pointed-ring" cx="${x}" cy="${laneMid(e.lane)}" r="11"/></g>`);
          });
        }

        function fillMarks() {
          const told = run.marks.filter((mark) => mark.text);
          if (told.length === 0) return;
          const box = $("marks");
          box.innerHTML = told.map((mark) => `<button type="button" data-role="mark-button" data-event="${mark.event}"`
            + ` title="Make it the current event">▶ ${esc(mark.text)}</button>`).join("");
          box.hidden = false;
          box.addEventListener("click", (event) => {
            const button = event.target instanceof Element ? event.target.closest("button[data-event]") : null;
            if (button) setCurrent(Number(button.dataset.event));
          });
        }
        """#
}
