// The case page: an SVG timeline of threat scores (this case and the other cases of its
// actor), the domain per period, alliances proposed/formed/ended and threat evidence.
"use strict";

(async () => {
  const SVG = "http://www.w3.org/2000/svg";
  const caseId = document.body.dataset.case;
  const get = async url => (await fetch(url, { headers: { Accept: "application/json" } })).json();
  const [theCase, cases, treaties] = await Promise.all([
    get(`/cases/${encodeURIComponent(caseId)}`), get("/cases"), get("/treaties"),
  ]);
  const signed = new Map(treaties.map(t => [t.id, t.signed]));
  const year = d => {
    if (d === null || d === undefined) return null;
    const m = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(d));
    return m ? +m[1] + ((+m[2] || 1) - 1) / 12 + ((+m[3] || 1) - 1) / 365 : null;
  };
  const score = c => (c.threat && typeof c.threat.score === "number" ? c.threat.score : null);
  const docLink = e => `/view/documents/${encodeURIComponent(e.document)}#span=${e.start}-${e.end}`;

  const label = theCase.label || {};
  document.getElementById("case-title").textContent = [label.en, label.zh].filter(Boolean).join(" · ") || caseId;
  document.getElementById("case-verdict").textContent =
    `threat ${score(theCase) ?? "?"} (${theCase.threat?.level ?? "?"}) → domain of ${theCase.domain ?? "?"} → predicts ${theCase.prediction ?? "?"}`;

  const series = cases.filter(c => c.actor === theCase.actor && year(c.start) !== null);
  const threats = findThreats(theCase.explanation);
  const years = [
    ...series.flatMap(c => [year(c.start), year(c.end ?? c.start)]),
    ...threats.map(t => year(t.date)).filter(y => y !== null),
  ];
  const x0 = Math.floor(Math.min(...years, 1945)), x1 = Math.ceil(Math.max(...years, x0 + 1));
  const scores = series.map(score).filter(s => s !== null);
  const y0 = Math.min(0, ...scores), y1 = Math.max(1, ...scores);
  const W = 900, H = 360, L = 50, R = 20, T = 20, B = 60;
  const sx = v => L + ((v - x0) / (x1 - x0)) * (W - L - R);
  const sy = v => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);

  const svg = node("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "threat score over time" });
  for (let y = x0; y <= x1; y += Math.max(1, Math.round((x1 - x0) / 16))) {
    svg.append(node("line", { x1: sx(y), x2: sx(y), y1: T, y2: H - B, class: "grid" }));
    svg.append(text(sx(y), H - B + 14, String(y), "middle"));
  }
  svg.append(node("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
  svg.append(node("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
  for (const v of [y0, (y0 + y1) / 2, y1]) svg.append(text(L - 6, sy(v) + 4, v.toFixed(2), "end"));
  svg.append(text(12, T + 10, "threat", "start"));

  for (const c of series) {
    const a = year(c.start), b = year(c.end ?? c.start) ?? a, s = score(c);
    const band = node("rect", { x: sx(a), width: Math.max(2, sx(b) - sx(a)), y: T, height: H - T - B, class: "band-" + (["gains", "losses"].includes(c.domain) ? c.domain : "unknown") });
    svg.append(band);
    if (s === null) continue;
    const current = c.id === theCase.id ? " current" : "";
    const link = node("a", { href: `/view/cases/${encodeURIComponent(c.id)}`, class: "point case-point" });
    link.append(node("line", { x1: sx(a), x2: sx(b), y1: sy(s), y2: sy(s), class: `case-line ${c.domain}${current}` }));
    link.append(node("circle", { cx: sx((a + b) / 2), cy: sy(s), r: current ? 6 : 4, class: c.domain || "" }));
    link.append(title(`${c.id}: threat ${s}, ${c.domain}, ${c.start}–${c.end ?? ""}`));
    svg.append(link);
  }

  // threat evidence of this case along the bottom track
  const evidenceY = H - B + 30;
  svg.append(text(L - 6, evidenceY + 4, "evidence", "end"));
  for (const t of threats) {
    const y = year(t.date);
    if (y === null || !t.document) continue;
    const link = node("a", { href: docLink(t), class: "point evidence-point" });
    const cx = sx(y);
    link.append(node("path", { d: `M${cx},${evidenceY - 6} l6,6 l-6,6 l-6,-6 z`, class: "evidence" }));
    link.append(title(`${t.date}: ${t.intensity ?? ""} ${t.direction ?? ""} — ${t.quote ?? ""}`));
    svg.append(link);
  }

  // alliances: proposed at the case start, formed when signed, ended at the case end
  const a0 = year(theCase.start), a1 = year(theCase.end ?? theCase.start) ?? a0, s0 = score(theCase) ?? y0;
  const marks = [
    ...(theCase.proposed || []).map(p => ["proposed", p, a0, (x, y) => `M${x},${y - 8} l7,12 l-14,0 z`]),
    ...(theCase.formed || []).map(p => ["formed", p, year(signed.get(p.id)) ?? (a0 + a1) / 2, (x, y) => `M${x - 6},${y - 6} h12 v12 h-12 z`]),
    ...(theCase.ended || []).map(p => ["ended", p, a1, (x, y) => `M${x - 6},${y - 6} l12,12 M${x + 6},${y - 6} l-12,12`]),
  ];
  marks.forEach(([kind, p, y, shape], i) => {
    if (y === null) return;
    const link = node("a", { href: `/view/treaties?ids=${encodeURIComponent(p.id)}`, class: `point alliance-point ${kind}` });
    const cy = sy(s0) - 18 - (i % 3) * 14;
    link.append(node("path", { d: shape(sx(y), cy), class: "alliance", stroke: "#1f3a5f", "stroke-width": 2 }));
    link.append(title(`${kind}: ${p.label?.en ?? p.label ?? p.id} (${p.form ?? ""}, ${p.strength ?? ""})`));
    svg.append(link);
  });
  document.getElementById("timeline").append(svg);

  // the explanation as a nested list, each quote linking to its span
  document.getElementById("explanation").append(explain(theCase.explanation));
  document.body.dataset.ready = "true";

  function findThreats(expl) {
    const found = [];
    (function walk(v) {
      if (!v || typeof v !== "object") return;
      if (Array.isArray(v)) return v.forEach(walk);
      if (v.document && v.start !== undefined && ("intensity" in v || "direction" in v || "weight" in v)) found.push(v);
      Object.values(v).forEach(walk);
    })(expl);
    return found;
  }
  function explain(v) {
    if (v === null || typeof v !== "object") return document.createTextNode(String(v ?? ""));
    const ul = document.createElement("ul");
    for (const [k, item] of Object.entries(v)) {
      const li = document.createElement("li");
      if (item && typeof item === "object" && item.document && item.start !== undefined) {
        const a = document.createElement("a");
        a.href = docLink(item);
        a.textContent = item.quote || `${item.document} ${item.start}–${item.end}`;
        li.append(`${k}: `, a, " ", explain(Object.fromEntries(Object.entries(item).filter(([kk]) => !["quote"].includes(kk)))));
      } else {
        li.append(`${k}: `, explain(item));
      }
      ul.append(li);
    }
    return ul;
  }
  function node(tag, attrs) {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    return n;
  }
  function text(x, y, s, anchor) {
    const t = node("text", { x, y, "text-anchor": anchor });
    t.textContent = s;
    return t;
  }
  function title(s) {
    const t = node("title", {});
    t.textContent = s;
    return t;
  }
})().catch(err => {
  // keep the failure visible to readers and tests
  document.body.dataset.error = String(err);
  console.error(err);
});
