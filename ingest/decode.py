"""Turn a text file's bytes into a str: UTF-8 (with or without BOM), GB18030, Big5, UTF-16.

Binary files and empty files are refused with an `IngestError` that names the file.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
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
    """Decode `data` (the whole content of file `name`) to text, or raise IngestError."""
    encoding = detect_encoding(data, name, complete=True)
    text = data.decode(encoding)
    # A GB18030 signature survives decoding (the UTF BOMs are removed by their codecs).
    return text.removeprefix("\ufeff") if encoding == "gb18030" else text


def detect_encoding(sample: bytes, name: str, complete: bool = False) -> str:
    """The codec name for a file whose first bytes are `sample`.

    Unless `complete` (the sample is the whole file), the sample may end mid-character.
    """
    if not sample.strip():
        raise IngestError(name, "file is empty")
    if looks_binary(sample):
        raise IngestError(name, "file is binary, not text")
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf_8_sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf_8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(sample, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise IngestError(name, "text encoding could not be detected (tried UTF-8, GB18030, Big5, UTF-16)")
    return best.encoding


def iter_text(path: Path, chunk_size: int = 1 << 22) -> Iterator[str]:
    """Decode a text file incrementally, `chunk_size` bytes at a time (memory stays bounded).

    The encoding is detected from the first chunk; a later byte that does not decode raises an
    IngestError naming its byte offset.
    """
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise IngestError(name, f"cannot read file ({exc.strerror})") from exc
    with fh:
        first = fh.read(chunk_size)
        encoding = detect_encoding(first, name)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        consumed, chunk = 0, first
        while chunk:
            try:
                text = decoder.decode(chunk, final=False)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    name,
                    f"not valid {encoding} at byte {consumed + exc.start} (encoding detected from the start)",
                ) from exc
            consumed += len(chunk)
            if text:
                yield text
            chunk = fh.read(chunk_size)
        try:
            tail = decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise IngestError(name, f"file ends inside a {encoding} character (truncated?)") from exc
        if tail:
            yield tail


def read_text(path: Path) -> str:
    """Read and decode a whole text file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read file ({exc.strerror})") from exc
    return decode_bytes(data, str(path))
