// Render a range of a document's canonical text with its annotations highlighted.
// Offsets from the API are Unicode code points; JS strings index UTF-16 units, so
// every offset goes through a code-point → UTF-16 table before slicing.
"use strict";

const Highlight = (() => {
  function codePointTable(text) {
    const table = new Uint32Array(Array.from(text).length + 1);
    let unit = 0, i = 0;
    for (const ch of text) { table[i++] = unit; unit += ch.length; }
    table[i] = unit;
    return table;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Split [from, to) at every annotation boundary and anchor; each run carries the ids and
  // labels of the annotations covering it (a sweep, so overlapping spans cost n log n).
  function render(doc, table, anns, from, to, anchors) {
    const frag = document.createDocumentFragment();
    const cuts = new Set([from, to]);
    const inRange = anns.filter(a => a.end > from && a.start < to);
    for (const a of inRange) { cuts.add(Math.max(a.start, from)); cuts.add(Math.min(a.end, to)); }
    const anchorsAt = new Map();
    for (const an of anchors || []) {
      if (an.at < from || an.at > to) continue;
      cuts.add(an.at);
      if (!anchorsAt.has(an.at)) anchorsAt.set(an.at, []);
      anchorsAt.get(an.at).push(an);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const starts = [...inRange].sort((x, y) => x.start - y.start);
    const active = new Map();
    let next = 0;
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      for (const an of anchorsAt.get(p) || []) frag.appendChild(el(an.tag || "span", an.attrs, an.text));
      if (i === points.length - 1) break;
      const q = points[i + 1];
      for (const [id, a] of active) if (a.end <= p) active.delete(id);
      while (next < starts.length && starts[next].start <= p) {
        const a = starts[next++];
        if (a.end > p) active.set(a.id, a);
      }
      const text = doc.text.slice(table[p], table[q]);
      if (active.size === 0) { frag.appendChild(document.createTextNode(text)); continue; }
      const covering = [...active.values()];
      const labels = [...new Set(covering.map(a => a.label))];
      const span = el("span", {
        class: "hl " + labels.map(l => "l-" + l).join(" "),
        "data-anns": covering.map(a => a.id).join(" "),
        "data-labels": labels.join(" "),
      }, text);
      frag.appendChild(span);
    }
    return frag;
  }

  return { codePointTable, render, el };
})();
