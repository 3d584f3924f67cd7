// The document reader: text with highlights, label toggles, details on hover,
// section/footnote navigation and zh | en side by side for aligned texts.
"use strict";

(async () => {
  const { codePointTable, render, el } = Highlight;
  const docId = document.body.dataset.document;
  const fetchJson = async url => {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  };
  const doc = await fetchJson(`/documents/${encodeURIComponent(docId)}`);
  const table = codePointTable(doc.text);
  const byId = new Map(doc.annotations.map(a => [a.id, a]));
  const labels = [...new Set(doc.annotations.map(a => a.label))].sort();
  const shown = new Set(labels);
  const others = new Map(); // aligned documents in other files

  const title = doc.metadata.title;
  document.getElementById("doc-title").textContent =
    title && typeof title === "object" ? [title.zh, title.en].filter(Boolean).join(" / ") : (title || doc.id);

  // A `#span=START-END` fragment marks that span (links from case evidence use it).
  const target = (() => {
    const m = /^#span=(\d+)-(\d+)$/.exec(location.hash);
    return m ? { id: "target", start: +m[1], end: +m[2], label: "TARGET", attributes: {} } : null;
  })();

  const anchors = [
    ...doc.structure.map(n => ({ at: n.start, attrs: { id: "n-" + n.id, class: "anchor" } })),
    ...doc.footnotes.map(f => ({ at: f.anchor, tag: "a", attrs: { id: "fnref-" + f.id, class: "fnref", href: "#fn-" + f.id } })),
    ...doc.footnotes.map(f => ({ at: f.start, attrs: { id: "fn-" + f.id, class: "anchor footnote" } })),
  ];

  function visible(anns) {
    const list = anns.filter(a => shown.has(a.label));
    return target ? [...list, target] : list;
  }

  function drawText() {
    const box = document.getElementById("text");
    box.replaceChildren(render(doc, table, visible(doc.annotations), 0, table.length - 1, anchors));
  }

  function nodeText(d, t, node, anns) {
    return render(d, t, anns.filter(a => shown.has(a.label)), node.start, node.end, []);
  }

  function drawAligned() {
    const box = document.getElementById("aligned");
    box.replaceChildren();
    for (const al of doc.alignments) {
      const src = doc.structure.find(n => n.id === al.source);
      const other = al.target_document ? others.get(al.target_document) : { doc, table };
      const tgt = other && other.doc.structure.find(n => n.id === al.target);
      if (!src || !tgt) continue;
      const row = el("div", { class: "pair", "data-kind": al.kind });
      const left = el("div", { class: "cell", lang: src.lang || "" });
      left.appendChild(nodeText(doc, table, src, doc.annotations));
      const right = el("div", { class: "cell", lang: tgt.lang || "" });
      right.appendChild(nodeText(other.doc, other.table, tgt, other.doc.annotations));
      row.append(left, right);
      box.appendChild(row);
    }
  }

  function drawToggles() {
    const box = document.getElementById("label-toggles");
    for (const label of labels) {
      const input = el("input", { type: "checkbox", "data-label": label });
      input.checked = true;
      input.addEventListener("change", () => {
        input.checked ? shown.add(label) : shown.delete(label);
        drawText();
        drawAligned();
      });
      const wrap = el("label", { class: "toggle l-" + label });
      wrap.append(input, " " + label);
      box.appendChild(wrap);
    }
  }

  function drawNavigation() {
    const sections = document.getElementById("sections");
    for (const n of doc.structure) {
      const name = n.title || (Object.values(n.titles || {})[0]) || (n.number ? `${n.type} ${n.number}` : null);
      if (!name || ["paragraph", "toc-entry", "page", "article-paragraph"].includes(n.type)) continue;
      const li = el("li", { class: "t-" + n.type });
      li.appendChild(el("a", { href: "#n-" + n.id }, name));
      sections.appendChild(li);
    }
    const notes = document.getElementById("footnotes");
    for (const f of doc.footnotes) {
      const li = el("li");
      li.append(el("a", { href: "#fn-" + f.id }, f.marker), " ", el("a", { href: "#fnref-" + f.id, class: "back" }, "↩"));
      notes.appendChild(li);
    }
  }

  function showDetails(ids) {
    const panel = document.getElementById("details");
    panel.replaceChildren();
    for (const id of ids) {
      const a = byId.get(id) || (others.size && [...others.values()].map(o => o.byId.get(id)).find(Boolean));
      if (!a) continue;
      const card = el("div", { class: "card l-" + a.label });
      card.appendChild(el("h3", {}, `${a.label} · ${a.start}–${a.end}`));
      card.appendChild(el("blockquote", {}, a.text));
      if (a.entity) {
        const link = el("a", { href: "https://www.wikidata.org/wiki/" + a.entity, target: "_blank", rel: "noopener", class: "wikidata" }, a.entity);
        card.append(el("span", {}, "entity: "), link);
      }
      const dl = el("dl");
      for (const [k, v] of Object.entries(a.attributes || {})) {
        dl.append(el("dt", {}, k), el("dd", {}, typeof v === "object" ? JSON.stringify(v) : String(v)));
      }
      card.appendChild(dl);
      panel.appendChild(card);
    }
  }

  document.addEventListener("mouseover", ev => {
    const span = ev.target.closest && ev.target.closest(".hl");
    if (span) showDetails(span.dataset.anns.split(" "));
  });

  for (const al of doc.alignments) {
    if (al.target_document && !others.has(al.target_document)) {
      try {
        const d = await fetchJson(`/documents/${encodeURIComponent(al.target_document)}`);
        others.set(al.target_document, { doc: d, table: codePointTable(d.text), byId: new Map(d.annotations.map(a => [a.id, a])) });
      } catch (e) { console.warn(e); }
    }
  }
  drawToggles();
  drawNavigation();
  drawText();
  if (doc.alignments.length) {
    const button = document.getElementById("toggle-aligned");
    button.hidden = false;
    drawAligned();
    button.addEventListener("click", () => {
      const box = document.getElementById("aligned");
      box.hidden = !box.hidden;
      document.getElementById("text").hidden = !box.hidden;
    });
  }
  const jump = target ? document.querySelector('[data-anns~="target"]') : location.hash && document.getElementById(location.hash.slice(1));
  if (jump) jump.scrollIntoView({ block: "center" });
  document.body.dataset.ready = "true";
})().catch(err => {
  // keep the failure visible to readers and tests
  document.body.dataset.error = String(err);
  console.error(err);
});
