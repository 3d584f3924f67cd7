"""HTTP content negotiation: pick the best of the media types we offer for an `Accept` header."""

from __future__ import annotations

from collections.abc import Sequence


def _parse_accept(header: str) -> list[tuple[str, float, int]]:
    """(media range, q, position) for each entry of an Accept header."""
    out = []
    for pos, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((media, q, pos))
    return out


def _specificity(media_range: str, offer: str) -> int | None:
    """How specifically `media_range` matches `offer` (2 exact, 1 type/*, 0 */*), None if not at all."""
    if media_range == offer:
        return 2
    if media_range == "*/*":
        return 0
    main, _, sub = media_range.partition("/")
    if sub == "*" and offer.split("/")[0] == main:
        return 1
    return None


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers most; the first offer when Accept is absent; None if none fits.

    Ties in q go to the more specific range, then to the order of `offers` (our preference).
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        matches = [(spec, q) for media, q, _ in ranges if (spec := _specificity(media, offer)) is not None]
        if not matches:
            continue
        spec, q = max(matches)  # the most specific range that matches decides the q
        if q <= 0:
            continue
        key = (q, spec, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen
