/// The page script's step-through and tooltip: the current event (previous/next, keyboard arrows,
/// a tap) is highlighted, brought into view and described in a sentence that also says who made
/// it possible; hovering an event, a bar or a holder shows its time, instance, object, value and
/// `file:line`.
enum HTMLScriptStepThrough {
    static let source = #"""
        function describeEvent(i) {
          const e = run.events[i], who = laneName(e.lane), o = e.object || "", v = e.value;
          const nanos = (n) => (typeof n === "number" ? fmtTime(n / 1e9) : fmtValue(n));
          switch (e.event) {
            case "start": return o ? `${who} started in pool ${o}` + (v !== null ? ` on ${v}` : "") : `${who} started`;
            case "finish": return `${who} finished`;
            case "block": return `${who} must wait for ${o}`;
            case "acquire": return `${who} acquired ${o}`;
            case "release": return `${who} released ${o}`;
            case "sleep": return `${who} sleeps` + (v !== null ? ` for ${nanos(v)}` : "");
            case "wake": return `${who} woke up`;
            case "work": return `${who} works` + (v !== null ? ` for ${nanos(v)}` : "");
            case "work_end": return `${who} finished its work`;
            case "read": return `${who} read ${o}: ${fmtValue(v)}`;
            case "increment": return `${who} incremented ${o} to ${fmtValue(v)}`;
            case "decrement": return `${who} decremented ${o} to ${fmtValue(v)}`;
            case "set": return `${who} set ${o} to ${fmtValue(v)}`;
            case "put": return `${who} put ${fmtValue(v)} into ${o}`;
            case "get": return `${who} got ${fmtValue(v)} from ${o}`;
            case "task_done": return `${who} called task_done on ${o}`;
            case "join": return `${who} joined ${o}`;
            case "wait": return `${who} arrived at barrier ${o}`;
            case "pass": return `${who} passed barrier ${o}`;
            case "log": return `${who} logged ${fmtValue(v)}`;
            case "submit": return `${who} was submitted to pool ${o}`;
            case "done": return `${who}'s task is done` + (v !== null ? ` with result ${fmtValue(v)}` : "");
            case "callback": return `${who}'s callback begins` + (v !== null ? ` with ${fmtValue(v)}` : "");
            case "gil_wait": return `${who} waits for the GIL`;
            case "gil_acquire": return `${who} got the GIL` + (v !== null ? ` after ${nanos(v)}` : "");
            case "gil_release": return `${who} had to drop the GIL`;
            case "stopped": return `${who} was stopped by the end of the run`;
            default: return `${who}: ${e.event}` + (o ? " " + o : "") + (v !== null ? " " + fmtValue(v) : "");
          }
        }

        function whereOf(e) {
          const process = e.pid === null ? "" : `in process ${e.pid}`;
          if (e.line === null) return process;
          return (run.file ? `${run.file}:${e.line}` : `line ${e.line}`) + (process ? ", " + process : "");
        }

        /** Why an event could happen (the arrows into it) and what it let happen (the arrows out). */
        function causesOf(i) {
          const because = (run.linksTo.get(i) || []).map((k) => run.links[k].from)
            .map((j) => `Made possible by: ${describeEvent(j)} (at ${fmtInstant(run.events[j].t)}).`);
          const then = (run.linksFrom.get(i) || []).map((k) => run.links[k].to)
            .map((j) => `Lets ${laneName(run.events[j].lane)} go on: ${describeEvent(j)} (at ${fmtInstant(run.events[j].t)}).`);
          return because.concat(then);
        }

        function setCurrent(i) {
          if (run.events.length === 0) return;
          i = Math.max(0, Math.min(run.events.length - 1, i));
          view.current = i;
          const e = run.events[i];
          if (e.t < view.t0 || e.t > view.t1) {
            const span = view.t1 - view.t0;
            setWindow(e.t - span / 2, e.t + span / 2);
          }
          const where = whereOf(e), causes = causesOf(i);
          $("current-event").textContent = `${fmtInstant(e.t)} — ${describeEvent(i)}`
            + (where ? ` (${where})` : "") + "." + (causes.length ? " " + causes.join(" ") : "");
          $("step-position").textContent = `event ${fmtCount(i + 1)} of ${fmtCount(run.events.length)} (seq ${e.seq})`;
          document.body.dataset.currentEvent = String(i);
          document.body.dataset.currentSeq = String(e.seq);
          render();
        }

        function stepBy(delta) {
          if (view.current < 0) setCurrent(delta > 0 ? delta - 1 : run.events.length + delta);
          else setCurrent(view.current + delta);
        }

        function drawCurrent(out) {
          const i = view.current;
          if (i < 0) return;
          const e = run.events[i];
          if (e.t < view.t0 || e.t > view.t1 || e.lane < 0) return;
          const x = xOf(e.t).toFixed(1);
          out.push(`<g data-role="current" data-i="${i}">`,
            `<line class="current-line" x1="${x}" x2="${x}" y1="${AXIS_H - 6}" y2="${layout.height}"/>`,
            `<circle class="current-ring" cx="${x}" cy="${laneMid(e.lane)}" r="9"/></g>`);
        }

        /** The tooltip's text for the element under the pointer, or null. */
        function tooltipFor(target) {
          const d = target.dataset;
          if (d.role === "event" && d.i !== undefined) {
            const i = Number(d.i), e = run.events[i], where = whereOf(e);
            return [`${fmtInstant(e.t)} · ${laneName(e.lane)} · ${e.event}`, e.object ? `object: ${e.object}` : null,
              e.value !== null ? `value: ${fmtValue(e.value)}` : null, where || null, `seq ${e.seq}`,
              ...causesOf(i)].filter(Boolean).join("\n");
          }
          if (d.role === "event") {
            const first = run.events[Number(d.first)], last = run.events[Number(d.last)];
            return `${fmtCount(Number(d.count))} events of ${laneName(first.lane)} from ${fmtTime(first.t)} to `
              + `${fmtTime(last.t)}: zoom in to tell them apart (tap to step from the first).`;
          }
          if (d.role === "span") {
            const s = run.spans[Number(d.span)];
            return `${laneName(s.lane)} ${s.state}${s.object ? " on " + s.object : ""}\n`
              + `${fmtTime(s.from)} → ${fmtTime(s.to)} (${fmtTime(s.to - s.from)})`;
          }
          if (d.role === "hold") {
            const h = run.holders[Number(d.hold)];
            return `${laneName(h.lane)} held ${h.object}\n${fmtTime(h.from)} → ${fmtTime(h.to)} (${fmtTime(h.to - h.from)})`;
          }
          return null;
        }

        function showTooltip(target, pageX, pageY) {
          const tip = $("tooltip"), text = target ? tooltipFor(target) : null;
          if (!text) { tip.hidden = true; return; }
          tip.textContent = text;
          tip.hidden = false;
          const room = document.documentElement.clientWidth + window.scrollX - tip.offsetWidth - 8;
          tip.style.left = Math.max(4, Math.min(pageX + 14, room)) + "px";
          tip.style.top = pageY + 16 + "px";
        }
        """#
}
