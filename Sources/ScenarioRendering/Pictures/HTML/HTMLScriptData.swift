/// The page script's first part: reads the embedded picture JSON, checks it, and indexes it for
/// drawing (each lane's events and spans in time order, each lock's holders in rows, links by event).
enum HTMLScriptData {
    static let source = #"""
        const STATES = ["running", "blocked", "sleeping", "working", "gil", "queued"];
        const STRIP_KINDS = ["lock", "rlock", "semaphore"];
        const PALETTE = [["#4c78a8", "#fff"], ["#f58518", "#000"], ["#54a24b", "#fff"], ["#e45756", "#fff"],
          ["#72b7b2", "#000"], ["#eeca3b", "#000"], ["#b279a2", "#fff"], ["#ff9da6", "#000"],
          ["#9d755d", "#fff"], ["#bab0ac", "#000"]];
        const $ = (id) => document.getElementById(id);
        let run = null;

        /** A problem with the data itself, shown on the page rather than thrown at the console. */
        class PictureError extends Error {}

        function esc(value) {
          return String(value).replace(/[&<>"']/g,
            (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]);
        }
        const num = (v, fallback) => (typeof v === "number" && isFinite(v) ? v : fallback);
        const list = (v) => (Array.isArray(v) ? v : []);

        /** The index of the first element of `items` whose key is >= `t` (items sorted by key). */
        function lowerBound(items, t, key) {
          let lo = 0, hi = items.length;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (key(items[mid]) < t) lo = mid + 1; else hi = mid;
          }
          return lo;
        }

        function loadPicture() {
          let data;
          try {
            data = JSON.parse($("run-data").textContent);
          } catch (error) {
            throw new PictureError("The run data in this page is not valid JSON (" + error.message + ").");
          }
          if (!data || typeof data !== "object" || data.picture !== 1) {
            throw new PictureError("The run data in this page is not a version 1 picture of a run.");
          }
          const lanes = list(data.lanes).map((lane, i) => ({
            name: lane && lane.name != null ? String(lane.name) : "lane " + i,
            worker: lane && lane.worker != null ? String(lane.worker) : null }));
          const validLane = (l) => Number.isInteger(l) && l >= 0 && l < lanes.length;
          const events = list(data.events).filter((e) => e && typeof e === "object").map((e, i) => ({
            seq: num(e.seq, i), t: num(e.t, 0), lane: validLane(e.lane) ? e.lane : -1,
            event: String(e.event || "event"), object: e.object == null ? null : String(e.object),
            value: e.value === undefined ? null : e.value, line: Number.isInteger(e.line) ? e.line : null,
            pid: Number.isInteger(e.pid) ? e.pid : null }));
          const spans = list(data.spans).filter((s) => s && validLane(s.lane)).map((s, k) => ({
            k, lane: s.lane, state: STATES.includes(s.state) ? s.state : "running",
            from: num(s.from, 0), to: Math.max(num(s.from, 0), num(s.to, 0)),
            object: s.object == null ? null : String(s.object) }));
          const validEvent = (k) => Number.isInteger(k) && k >= 0 && k < events.length;
          const links = list(data.links).filter((k) => k && validEvent(k.from) && validEvent(k.to))
            .map((k) => ({ from: k.from, to: k.to, object: k.object == null ? null : String(k.object) }));
          const holders = list(data.holders).filter((h) => h && h.object != null && validLane(h.lane))
            .map((h, k) => ({ k, object: String(h.object), lane: h.lane, from: num(h.from, 0),
              to: Math.max(num(h.from, 0), num(h.to, 0)) }));
          const levels = list(data.levels).filter((l) => l && l.object != null).map((l) => ({
            object: String(l.object), kind: String(l.kind || "queue"),
            points: list(l.points).filter((p) => Array.isArray(p) && p.length >= 2)
              .map((p) => [num(p[0], 0), num(p[1], 0)]).sort((a, b) => a[0] - b[0]) }));
          let end = num(data.duration, 0);
          for (const e of events) end = Math.max(end, e.t);
          for (const s of spans) end = Math.max(end, s.to);
          const picture = {
            title: data.scenario == null ? null : String(data.scenario),
            file: data.file == null ? null : String(data.file),
            runtime: data.runtime == null ? null : String(data.runtime),
            executor: data.executor == null ? null : String(data.executor),
            status: data.status == null ? "unknown" : String(data.status),
            duration: end > 0 ? end : 1e-6,
            lanes, events, spans, links, holders, levels,
            objects: list(data.objects).filter((o) => o && o.name != null)
              .map((o) => ({ name: String(o.name), kind: String(o.kind || "") })),
            state: list(data.state).filter((s) => s && s.name != null),
            expectations: list(data.expectations).filter((x) => x && x.name != null),
            deadlock: data.deadlock && typeof data.deadlock === "object" ? data.deadlock : null,
            shortened: typeof data.shortened === "string" ? data.shortened : null,
            error: typeof data.error === "string" ? data.error : null,
            marks: list(data.marks).filter((m) => m && validEvent(m.event))
              .map((m) => ({ event: m.event, text: m.text == null ? "" : String(m.text) })),
          };
          indexPicture(picture);
          return picture;
        }

        function indexPicture(p) {
          const byTime = (a, b) => p.events[a].t - p.events[b].t || a - b;
          p.laneEvents = p.lanes.map(() => []);
          p.events.forEach((e, i) => { if (e.lane >= 0) p.laneEvents[e.lane].push(i); });
          p.laneEvents.forEach((indexes) => indexes.sort(byTime));
          p.laneSpans = p.lanes.map(() => []);
          for (const s of p.spans) p.laneSpans[s.lane].push(s);
          p.laneSpans.forEach((spans) => spans.sort((a, b) => a.from - b.from));
          p.linksTo = new Map();
          p.linksFrom = new Map();
          p.links.forEach((k, i) => {
            if (!p.linksTo.has(k.to)) p.linksTo.set(k.to, []);
            p.linksTo.get(k.to).push(i);
            if (!p.linksFrom.has(k.from)) p.linksFrom.set(k.from, []);
            p.linksFrom.get(k.from).push(i);
          });
          p.strips = stripsOf(p);
        }

        /** One strip per lock, rlock and semaphore; holders that overlap (a semaphore's) go in rows. */
        function stripsOf(p) {
          const strips = new Map();
          for (const o of p.objects) {
            if (STRIP_KINDS.includes(o.kind)) strips.set(o.name, { name: o.name, kind: o.kind, holders: [] });
          }
          for (const h of p.holders) {
            if (!strips.has(h.object)) strips.set(h.object, { name: h.object, kind: "", holders: [] });
            strips.get(h.object).holders.push(h);
          }
          for (const strip of strips.values()) {
            strip.holders.sort((a, b) => a.from - b.from);
            const rowEnds = [];
            strip.rows = [];
            for (const h of strip.holders) {
              let row = rowEnds.findIndex((end) => end <= h.from);
              if (row < 0) { row = rowEnds.length; rowEnds.push(0); strip.rows.push([]); }
              rowEnds[row] = h.to;
              strip.rows[row].push(h);
            }
            if (strip.rows.length === 0) strip.rows.push([]);
          }
          return [...strips.values()];
        }

        function laneName(l) { return l >= 0 && l < run.lanes.length ? run.lanes[l].name : "(no instance)"; }
        """#
}
