/// The page script's last part: drawing the timeline for the current window, zoom and pan (buttons,
/// wheel, drag, keys), the controls' wiring, the `#steps=N` fragment, and the start-up that marks
/// the page `data-status="ready"` (or shows why the data cannot be drawn).
enum HTMLScriptBoot {
    static let source = #"""
        function render() {
          view.width = Math.max(400, $("timeline-box").clientWidth || 1000);
          const out = [`<defs><clipPath id="plot-clip"><rect x="${LABEL_W}" y="0" width="${plotWidth()}"`,
            ` height="${layout.height}"/></clipPath>`,
            '<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6"',
            ' orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="#263238"/></marker>',
            '<marker id="head-current" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6"',
            ' orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="#ff7f0e"/></marker></defs>'];
          drawAxis(out);
          run.lanes.forEach((lane, l) => drawLane(l, out));
          drawStrips(out);
          drawLevels(out);
          const arrowNote = drawArrows(out);
          drawPointedOut(out);
          drawCurrent(out);
          const svg = $("timeline");
          svg.setAttribute("width", String(view.width));
          svg.setAttribute("height", String(layout.height));
          svg.setAttribute("viewBox", `0 0 ${view.width} ${layout.height}`);
          svg.innerHTML = out.join("");
          const whole = view.t0 <= 0 && view.t1 >= run.duration;
          $("view-range").textContent = whole ? `whole run, ${fmtTime(run.duration)}`
            : `${fmtInstant(view.t0)} – ${fmtInstant(view.t1)} (${fmtTime(view.t1 - view.t0)}) of ${fmtTime(run.duration)}`;
          $("view-notes").textContent = arrowNote;
          $("prev").disabled = view.current <= 0;
          $("next").disabled = view.current >= run.events.length - 1;
        }

        let pending = false;
        function renderSoon() {
          if (pending) return;
          pending = true;
          requestAnimationFrame(() => { pending = false; render(); });
        }

        /** Shows [t0, t1], kept inside the run and no narrower than a nanosecond. */
        function setWindow(t0, t1) {
          const total = run.duration, span = Math.min(total, Math.max(1e-9, t1 - t0));
          t0 = Math.max(0, Math.min(t0, total - span));
          view.t0 = t0;
          view.t1 = t0 + span;
        }

        function zoomBy(factor, around) {
          const centre = around === undefined ? (view.t0 + view.t1) / 2 : around;
          setWindow(centre - (centre - view.t0) / factor, centre + (view.t1 - centre) / factor);
        }

        function panByPixels(dx) {
          const dt = (dx / plotWidth()) * (view.t1 - view.t0);
          setWindow(view.t0 + dt, view.t1 + dt);
        }

        function bindControls() {
          const on = (id, action) => $(id).addEventListener("click", () => { action(); render(); });
          $("next").addEventListener("click", () => stepBy(1));
          $("prev").addEventListener("click", () => stepBy(-1));
          $("first").addEventListener("click", () => setCurrent(0));
          $("last").addEventListener("click", () => setCurrent(run.events.length - 1));
          on("zoom-in", () => zoomBy(2, view.current >= 0 ? run.events[view.current].t : undefined));
          on("zoom-out", () => zoomBy(0.5));
          on("zoom-fit", () => setWindow(0, run.duration));
          document.addEventListener("keydown", (event) => {
            if (event.ctrlKey || event.altKey || event.metaKey) return;
            if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select")) return;
            const keys = { ArrowRight: "next", ArrowLeft: "prev", Home: "first", End: "last",
              "+": "zoom-in", "=": "zoom-in", "-": "zoom-out", "0": "zoom-fit" };
            const id = keys[event.key];
            if (!id) return;
            event.preventDefault();
            $(id).click();
          });
          const svg = $("timeline");
          svg.addEventListener("wheel", (event) => {
            event.preventDefault();
            const box = svg.getBoundingClientRect(), x = event.clientX - box.left;
            if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
              panByPixels(event.shiftKey ? event.deltaY : event.deltaX);
            } else {
              zoomBy(Math.exp(-event.deltaY * 0.002), x > LABEL_W ? tOf(x) : undefined);
            }
            renderSoon();
          }, { passive: false });
          let drag = null;
          svg.addEventListener("pointerdown", (event) => {
            drag = { x: event.clientX, moved: false, id: event.pointerId };
          });
          svg.addEventListener("pointermove", (event) => {
            if (drag && drag.id === event.pointerId && (drag.moved || Math.abs(event.clientX - drag.x) > 4)) {
              if (!drag.moved) svg.setPointerCapture(event.pointerId);
              drag.moved = true;
              panByPixels(drag.x - event.clientX);
              drag.x = event.clientX;
              $("tooltip").hidden = true;
              renderSoon();
              return;
            }
            showTooltip(event.target instanceof Element ? event.target.closest("[data-role]") : null, event.pageX, event.pageY);
          });
          const endDrag = () => { drag = null; };
          svg.addEventListener("pointerup", endDrag);
          svg.addEventListener("pointercancel", endDrag);
          svg.addEventListener("pointerleave", () => { $("tooltip").hidden = true; });
          svg.addEventListener("click", (event) => {
            if (drag && drag.moved) return;
            const target = event.target instanceof Element ? event.target.closest('[data-role="event"]') : null;
            if (!target) return;
            setCurrent(Number(target.dataset.i !== undefined ? target.dataset.i : target.dataset.first));
            showTooltip(target, event.pageX, event.pageY);
          });
          window.addEventListener("resize", renderSoon);
        }

        /** `#steps=N` presses Next N times and `#zoom=N` (after it) Zoom in N times, through the buttons,
         *  so that a link can open the page at an event, zoomed in around it: `page.html#steps=30&zoom=8`. */
        function applyFragment() {
          const press = (name, id, most) => {
            const match = new RegExp("(?:^#|&)" + name + "=(\\d+)").exec(window.location.hash);
            const times = match ? Math.min(Number(match[1]), most) : 0;
            for (let n = 0; n < times; n++) $(id).click();
          };
          press("steps", "next", run.events.length);
          press("zoom", "zoom-in", 60);
        }

        function boot() {
          try {
            run = loadPicture();
          } catch (error) {
            if (!(error instanceof PictureError)) throw error;
            const note = $("load-error");
            note.textContent = error.message;
            note.hidden = false;
            document.body.dataset.status = "error";
            return;
          }
          computeLayout();
          fillFacts();
          fillState();
          fillDeadlock();
          fillLegend();
          fillMarks();
          setWindow(0, run.duration);
          bindControls();
          render();
          applyFragment();
          Object.assign(document.body.dataset, { lanes: String(run.lanes.length), events: String(run.events.length),
            links: String(run.links.length), marks: String(run.marks.length), readyMs: String(Math.round(performance.now())), status: "ready" });
        }

        boot();
        """#
}
