"""The bibliographic record of a Chinese book from its title page, CIP block and colophon (版权页).

`validate_isbn13` is a pure check of the ISBN-13 check digit; `parse_bibliographic`
reads the front-matter texts (already free of markup) into a plain dict.
"""

from __future__ import annotations

import re
from typing import Any

from foedus.ingest.book_lexicon import lexicon, nospace

_ISBN_PRINTED = re.compile(r"ISBN\s*(?P<isbn>97[89][-\s]?(?:\d[-\s]?){9}\d)")
_CIP_NUMBER = re.compile(r"CIP\s*数据核字\s*[(（]\s*(?P<year>\d{4})\s*[)）]\s*第\s*(?P<n>\d+)\s*号")
_CIP_TITLE = re.compile(r"^(?P<title>[^/\n]+?)\s*/\s*(?P<resp>[^.\n]+?)\s*[.．]\s*[—-]", re.M)
_CIP_IMPRINT = re.compile(
    r"^(?P<place>[^：:\n]+)[：:](?P<publisher>[^，,\n]+)[，,]\s*(?P<y>\d{4})\.(?P<m>\d{1,2})", re.M
)
_CIP_SUBJECT = re.compile(r"III\.\s*((?:[①-⑳]\s*[^①-⑳\n]+?\s*)+)(?=IV\.|$)", re.M)
_CIP_CLASS = re.compile(r"IV\.\s*[①-⑳]?\s*(?P<clc>[A-Z]{1,2}\d[\d.\-/]*)")
_ROLE = re.compile(r"(?P<name>.+?)\s*(?P<role>主编|编著|编|著|译)$")
_EDITION = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*第\s*(?P<n>\d+)\s*版")
_PRINTING = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*第\s*(?P<n>\d+)\s*次印刷")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PRICE = re.compile(r"(?P<amount>\d+(?:\.\d{1,2})?)\s*元")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://[^\s)）]+")
_PROJECT = re.compile(r"^(?P<sponsor>.+?)(?P<kind>重点项目|重大项目|一般项目|项目)\s*$")
_QUOTED_ZH = re.compile(r"“(?P<title>[^”]+)”")
_SPACED_NAME_PART = re.compile(r"^[\u3400-\u9fff]$")


class ISBNError(ValueError):
    """An ISBN that is malformed or whose check digit is wrong."""


def isbn13_check_digit(first12: str) -> str:
    """The check digit of the first 12 digits of an ISBN-13 (weights 1, 3 alternating)."""
    if len(first12) != 12 or not first12.isdigit():
        raise ISBNError(f"ISBN-13 prefix {first12!r}: expected 12 digits")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def validate_isbn13(isbn: str) -> str:
    """The 13 digits of `isbn` (hyphens and spaces ignored), or ISBNError naming what is wrong."""
    digits = re.sub(r"[-\s]", "", isbn)
    if len(digits) != 13 or not digits.isdigit():
        raise ISBNError(f"ISBN {isbn!r}: expected 13 digits, got {len(digits)} characters")
    if not digits.startswith(("978", "979")):
        raise ISBNError(f"ISBN {isbn!r}: an ISBN-13 starts with 978 or 979")
    expected = isbn13_check_digit(digits[:12])
    if digits[12] != expected:
        raise ISBNError(f"ISBN {isbn!r}: check digit is {digits[12]}, expected {expected}")
    return digits


def split_names(text: str) -> list[str]:
    """'程 静 张东文' -> ['程静', '张东文']: lone Han characters are halves of a letter-spaced name."""
    names: list[str] = []
    pending = ""
    for token in text.split():
        if _SPACED_NAME_PART.match(token):
            pending += token
            if len(pending) == 2:
                names.append(pending)
                pending = ""
        else:
            if pending:
                names.append(pending)
                pending = ""
            names.append(token)
    if pending:
        names.append(pending)
    return names


def _month(y: str, m: str) -> str:
    return f"{int(y):04d}-{int(m):02d}"


def _label_pattern() -> re.Pattern[str]:
    """Any colophon label, letter-spaced or not ('经 销：'), followed by a colon."""
    labels = sorted(lexicon()["colophon"], key=len, reverse=True)
    alts = "|".join(r"\s*".join(map(re.escape, nospace(label))) for label in labels)
    return re.compile(rf"(?P<label>{alts})\s*[：:]")


def _colophon_fields(colophon: str) -> dict[str, str]:
    """'label：value' pairs keyed by the lexicon's field names; a value runs to the next label."""
    names = {nospace(k): v for k, v in lexicon()["colophon"].items()}
    pattern = _label_pattern()
    fields: dict[str, str] = {}
    for line in colophon.splitlines():
        hits = list(pattern.finditer(line))
        for k, m in enumerate(hits):
            end = hits[k + 1].start() if k + 1 < len(hits) else len(line)
            key = names[nospace(m.group("label"))]
            fields.setdefault(key, line[m.end() : end].strip(" ()（）"))
    return fields


def _titles(title_page: list[str]) -> dict[str, dict[str, str]]:
    """zh title from the '制衡威胁' / '——subtitle' lines; en from the 'Title:' / 'Subtitle' lines."""
    out: dict[str, dict[str, str]] = {"title": {}, "subtitle": {}}
    for i, line in enumerate(title_page):
        nxt = title_page[i + 1] if i + 1 < len(title_page) else ""
        if "zh" not in out["title"] and nxt.startswith("——") and re.search(r"[\u3400-\u9fff]", line):
            out["title"]["zh"] = line.strip()
            out["subtitle"]["zh"] = nxt.lstrip("—").strip()
        if "en" not in out["title"] and line.rstrip().endswith(":") and re.match(r"[A-Za-z]", line):
            out["title"]["en"] = line.rstrip().rstrip(":").strip()
            if re.match(r"[A-Za-z]", nxt):
                out["subtitle"]["en"] = nxt.strip()
    return out


def _project(lines: list[str]) -> dict[str, str] | None:
    """'中国社会科学院…重点项目 / “大国联盟战略决策的研究”项目成果' -> sponsor, kind, title."""
    for i, line in enumerate(lines):
        m = _PROJECT.match(line.strip())
        if not m:
            continue
        project = {"sponsor": m.group("sponsor"), "kind": m.group("kind"), "text": line.strip()}
        follow = lines[i + 1] if i + 1 < len(lines) else ""
        quoted = _QUOTED_ZH.search(follow)
        if quoted:
            project["title"] = quoted.group("title")
            project["text"] += " " + follow.strip()
        return project
    return None


def parse_bibliographic(title_page: str, cip: str, colophon: str) -> dict[str, Any]:
    """The record as a dict; problems (bad ISBN, missing CIP number) go to its `errors` list."""
    rec: dict[str, Any] = {"errors": []}
    lines = [x.strip() for x in title_page.splitlines() if x.strip()]
    rec.update(_titles(lines))
    project = _project(lines)
    if project:
        rec["project"] = project
        rec["series"] = project["text"]

    m = _CIP_TITLE.search(cip)
    if m:
        main, _, sub = m.group("title").partition("：")
        rec["title"].setdefault("zh", main.strip())
        if sub:
            rec["subtitle"].setdefault("zh", sub.strip())
        resp = _ROLE.match(m.group("resp").strip())
        if resp:
            rec["authors"] = [{"name_zh": nospace(resp.group("name")), "role": resp.group("role")}]
    m = _CIP_IMPRINT.search(cip)
    if m:
        rec["place"] = m.group("place").strip()
        rec["publisher"] = m.group("publisher").strip()
        rec["date"] = _month(m.group("y"), m.group("m"))
    m = _CIP_NUMBER.search(cip)
    if m:
        rec["cip_number"] = f"{m.group('year')}-{m.group('n')}"
    else:
        rec["errors"].append("CIP number (中国版本图书馆 CIP 数据核字) not found")
    m = _CIP_SUBJECT.search(cip)
    if m:
        rec["subject_headings"] = [s.strip() for s in re.split(r"[①-⑳]", m.group(1)) if s.strip()]
    m = _CIP_CLASS.search(cip)
    if m:
        rec["classification"] = {"scheme": "中图法", "scheme_en": "CLC", "code": m.group("clc")}

    _isbn(rec, title_page + "\n" + cip + "\n" + colophon)
    _colophon(rec, _colophon_fields(colophon))
    return rec


def _isbn(rec: dict[str, Any], text: str) -> None:
    printed = [m.group("isbn").strip() for m in _ISBN_PRINTED.finditer(text)]
    if not printed:
        rec["errors"].append("no ISBN found")
        return
    digits = {re.sub(r"[-\s]", "", p) for p in printed}
    if len(digits) > 1:
        rec["errors"].append(f"the front matter prints different ISBNs: {sorted(digits)}")
    try:
        rec["isbn"] = validate_isbn13(printed[0])
        rec["isbn_formatted"] = printed[0] if "-" in printed[0] else None
    except ISBNError as exc:
        rec["errors"].append(str(exc))
        rec["isbn_invalid"] = re.sub(r"[-\s]", "", printed[0])


def _colophon(rec: dict[str, Any], f: dict[str, str]) -> None:
    editors = []
    for key, role_zh in (("acquisitions_editor", "策划编辑"), ("responsible_editor", "责任编辑")):
        for name in split_names(f.get(key, "")):
            editors.append({"name_zh": name, "role": role_zh, "role_en": key.replace("_", " ")})
    if editors:
        rec["editors"] = editors
    if "publisher" in f:
        rec.setdefault("publisher", f["publisher"])
    for key in ("printer", "distributor", "address", "postcode"):
        if key in f:
            rec[key] = f[key].strip()
    contact = " ".join(f.get(k, "") for k in ("url", "contact"))
    if _URL.search(contact):
        rec["url"] = _URL.search(contact).group()
    if _EMAIL.search(contact):
        rec["email"] = _EMAIL.search(contact).group()
    ed = _EDITION.search(f.get("edition_statement", ""))
    if ed:
        rec["edition"] = {"number": ed.group("n"), "date": _month(ed.group("y"), ed.group("m"))}
    pr = _PRINTING.search(f.get("edition_statement", ""))
    if pr:
        rec["printing"] = {"number": pr.group("n"), "date": _month(pr.group("y"), pr.group("m"))}
    extent: dict[str, Any] = {}
    words = _NUMBER.search(f.get("words", ""))
    if words and "千" in f["words"]:
        extent["words_thousand"] = int(float(words.group()))
    if f.get("format"):
        extent["format"] = f["format"].strip()
    sheets = _NUMBER.search(f.get("printed_sheets", ""))
    if sheets:
        extent["printed_sheets"] = float(sheets.group())
    if extent:
        rec["extent"] = extent
    price = _PRICE.search(f.get("price", ""))
    if price:
        rec["price"] = f"{price.group('amount')} CNY"
    book_number = f.get("book_number", "")
    suffix = re.search(r"/\s*(?P<cls>[A-Z])\s*[·.]\s*(?P<seq>\d+)", book_number)
    if suffix:
        rec["book_number"] = {"class": suffix.group("cls"), "sequence": suffix.group("seq")}
