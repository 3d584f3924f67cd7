"""Terminal rendering of the case table, treaty table and explanation chains (rich)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree


def _forms(items: list[dict[str, Any]]) -> str:
    """`seato-1954 multilateral/weak ✓` per alliance: form, strength, consistent with the prediction."""
    parts = []
    for i in items:
        mark = {True: " ✓", False: " ✗"}.get(i.get("consistent"), "")
        strength = f"/{i['strength']}" if i.get("strength") else ""
        parts.append(f"{i.get('id')} {i.get('form', '?')}{strength}{mark}")
    return "\n".join(parts) or "—"


def _yes_no(value: object) -> str:
    return {True: "yes", False: "no"}.get(value, "—")  # type: ignore[arg-type]


def case_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="prospect-threat alliance model: cases", show_lines=True)
    for col in (
        "case",
        "actor",
        "region",
        "period",
        "threat",
        "domain",
        "predicted",
        "proposed",
        "formed",
        "consistent (proposed/formed)",
    ):
        table.add_column(col, overflow="fold")
    for r in rows:
        threat = r.get("threat") or {}
        score = threat.get("score")
        consistent = r.get("consistent") or {}
        table.add_row(
            r["id"],
            r.get("actor") or "",
            r.get("region") or "",
            f"{r.get('start', '')} – {r.get('end', '')}",
            f"{threat.get('level', '?')} ({score:.2f})"
            if isinstance(score, int | float)
            else str(threat.get("level")),
            r.get("domain") or "—",
            r.get("prediction") or "—",
            _forms(r.get("proposed") or []),
            _forms(r.get("formed") or []),
            f"{_yes_no(consistent.get('proposed'))} / {_yes_no(consistent.get('formed'))}",
        )
    return table


def treaty_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="treaties")
    for col in ("id", "signed", "parties", "form", "completeness", "obligations"):
        table.add_column(col, overflow="fold")
    for r in rows:
        obligations = ", ".join(
            f"art {o.get('article') or '—'}: {o.get('type')}/{o.get('strength')}"
            for o in r.get("obligations", [])
        )
        table.add_row(
            r["id"],
            str(r.get("signed") or ""),
            str(len(r.get("parties", []))),
            "multilateral" if r.get("multilateral") else "bilateral",
            str(r.get("completeness") or ""),
            obligations[:300],
        )
    return table


def print_explanation(console: Console, chain: dict[str, Any]) -> None:
    """Print a nested explanation dict as a tree: verdict → score → quoted evidence."""
    tree = Tree(f"[bold]{chain.get('id', 'case')}[/bold]")

    def add(node: Tree, value: Any, key: str | None = None) -> None:
        if isinstance(value, dict):
            quote = value.get("quote")
            head = key or ""
            if quote:
                where = ", ".join(
                    str(x) for x in (value.get("document"), value.get("section"), value.get("page")) if x
                )
                head = escape(f"{head} “{quote}” [{where}; {value.get('start')}–{value.get('end')}]".strip())
            branch = node.add(head) if head else node
            for k, v in value.items():
                if quote and k in ("quote", "document", "section", "page", "start", "end"):
                    continue  # already in the quote's heading
                add(branch, v, k)
        elif isinstance(value, list):
            branch = node.add(f"{key} ({len(value)})") if key else node
            for item in value:
                add(branch, item)
        else:
            node.add(escape(f"{key}: {value}" if key else str(value)))

    for k, v in chain.items():
        if k != "id":
            add(tree, v, k)
    console.print(tree)
