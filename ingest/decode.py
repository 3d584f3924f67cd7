"""Turn a text file's bytes into a str: UTF-8 (with or without BOM), GB18030, Big5, UTF-16.

Binary files and empty files are refused with an `IngestError` that names the file.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from foedus.errors import IngestError

# Encodings a Chinese or English scholarly text is likely to come in, tried after UTF-8.
_CANDIDATES = ["gb18030", "big5", "utf_16", "cp1252"]


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control characters mean this is not text."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 100)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode `data` (the content of file `name`) to text, or raise IngestError."""
    if not data.strip():
        raise IngestError(name, "file is empty")
    if looks_binary(data):
        raise IngestError(name, "file is binary, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise IngestError(name, "text encoding could not be detected (tried UTF-8, GB18030, Big5, UTF-16)")
    return str(best)


def read_text(path: Path) -> str:
    """Read and decode a whole text file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read file ({exc.strerror})") from exc
    return decode_bytes(data, str(path))
