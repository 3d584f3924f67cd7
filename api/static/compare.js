// Treaty comparison: one column per treaty, one row per obligation type.
"use strict";

(async () => {
  const ids = document.body.dataset.treaties.split(",");
  const TYPES = ["defense", "offense", "neutrality", "nonaggression", "consultation", "other"];
  const treaties = await Promise.all(ids.map(async id => {
    const r = await fetch(`/treaties/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
    return r.ok ? r.json() : { id, missing: r.status, title: {}, obligations: [] };
  }));
  const table = document.getElementById("comparison");
  const el = (tag, attrs, text) => {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const head = el("tr");
  head.append(el("th", {}, "obligation"));
  for (const t of treaties) {
    const th = el("th", { "data-treaty": t.id });
    th.append(el("div", {}, t.title?.en || t.title?.zh || t.id));
    if (t.title?.zh) th.append(el("div", { lang: "zh" }, t.title.zh));
    th.append(el("div", { class: "meta" }, t.missing ? `not found (${t.missing})`
      : `${t.signed ?? ""} · ${t.multilateral ? "multilateral" : "bilateral"} · ${(t.parties || []).length} parties`));
    head.append(th);
  }
  table.append(head);
  for (const type of TYPES) {
    const row = el("tr", { "data-type": type });
    row.append(el("th", {}, type));
    for (const t of treaties) {
      const cell = el("td");
      for (const ob of (t.obligations || []).filter(o => o.type === type)) {
        const div = el("div", { class: "ob " + (ob.strength || "") });
        div.append(el("span", {}, `Art. ${ob.article ?? "—"} · ${ob.strength ?? ""} · ${ob.lang ?? ""} `));
        if (ob.document) {
          div.append(el("a", { href: `/view/documents/${encodeURIComponent(ob.document)}#span=${ob.start}-${ob.end}` }, ob.quote || "(quote)"));
        }
        const conds = (ob.conditions || []).map(c => (typeof c === "object" ? c.kind : c)).join(", ");
        if (conds) div.append(el("div", { class: "weak" }, "conditions: " + conds));
        cell.append(div);
      }
      row.append(cell);
    }
    table.append(row);
  }
  document.body.dataset.ready = "true";
})().catch(err => {
  // keep the failure visible to readers and tests
  document.body.dataset.error = String(err);
  console.error(err);
});
