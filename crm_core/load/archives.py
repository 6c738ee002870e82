"""Compressed exports: a gzip file, or a zip or ``.tar.gz`` of one export's files, unpacked to one
temp file.

Big exports arrive packed: a BigQuery extract as ``.csv.gz``, Shopify's e-mailed export as a zip,
Amplitude's Export API as a zip of hourly ``.json.gz`` files, a Linux server's dump as ``.tar.gz``.
Each is streamed (never extracted by its member names) into one file in the workspace's temp
folder, which the reader then loads as if it had been uploaded: encoding and dialect sniffing see
the real bytes. Parts of one export (same kind, same header) become one file with one header;
anything else is refused by name before a table is built. The size unpacked is counted while
copying, so a bomb stops at the limit.
"""

from __future__ import annotations

import gzip
import json
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from crm_core.errors import CrmError
from crm_core.i18n import Sentence, Term, shortened
from crm_core.load import coltypes, limits, tempfiles, workbook
from crm_core.load.kinds import JSON_SUFFIXES, TEXT_SUFFIXES

GZIP = b"\x1f\x8b"
ZIP = b"PK\x03\x04"
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20
_ONE_TABLE_KINDS = TEXT_SUFFIXES | JSON_SUFFIXES
"""Member kinds whose parts join into one file (text lines, JSON lines); Excel and Parquet do not."""


@dataclass(frozen=True)
class Inner:
    """The unpacked file, the name messages call it by, and how many packed files it joins."""

    path: Path
    name: str
    files: int


def is_archive(path: Path, workbook_named: bool) -> bool:
    """A gzip file, or a zip that is no workbook (an .xlsx or .ods is a zip too)."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(GZIP):
        return True
    return head.startswith(ZIP) and not workbook_named and workbook.workbook_format(path) is None


@contextmanager
def unpacked(path: Path, name: str, folder: Path) -> Iterator[Inner]:
    """The archive's data as one temp file, deleted when the block ends."""
    with path.open("rb") as fh:
        gzipped = fh.read(2) == GZIP
    with ExitStack() as stack:
        bare = gzipped and not _is_tar(path)
        if bare:
            parts = [(name[:-3] if name.lower().endswith(".gz") else name, partial(gzip.open, path))]
        elif gzipped:
            tf = stack.enter_context(_opened(partial(tarfile.open, path, "r:gz"), name))
            parts = [(shown, partial(_member, partial(tf.extractfile, info)))
                     for shown, info in _tar_members(tf, name)]
        else:
            zf = stack.enter_context(_opened(partial(zipfile.ZipFile, path), name))
            parts = [(shown, partial(_member, partial(zf.open, info)))
                     for shown, info in _zip_members(zf, name)]
        suffix = _kind(parts[0][0])
        out = stack.enter_context(tempfiles.temp_path(folder, suffix))
        try:
            _join(parts, out, name)
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError) as exc:
            raise _damaged(name, exc) from exc
        _refuse_nested(out, name)
        shown = parts[0][0] if bare else f"{name}/{parts[0][0] if len(parts) == 1 else '*' + suffix}"
        yield Inner(out, shown, len(parts))


def noted(builds: list, inner: Inner, name: str) -> list:
    """Say how many packed files became the table."""
    if inner.files > 1:
        for _target, built in builds:
            built.notes.insert(0, coltypes.note("archive_files", file=name, count=f"{inner.files:,}"))
    return builds


def _is_tar(path: Path) -> bool:
    """Whether a gzip holds a tar (``.tar.gz``, ``.tgz``): read by its first member's header, not its name."""
    try:
        with tarfile.open(path, "r:gz") as tf:
            return tf.next() is not None
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        return False  # a plain gzip; a damaged one is said so when it is unpacked


@contextmanager
def _opened(open_archive: Callable, name: str) -> Iterator:
    try:
        archive = open_archive()
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise _damaged(name, exc) from exc
    with archive:
        yield archive


def _zip_members(zf: zipfile.ZipFile, name: str) -> list[tuple[str, zipfile.ZipInfo]]:
    """The zip's data members with their names, checked: no password, then as :func:`_checked`."""
    members = [i for i in zf.infolist() if not i.is_dir() and not _junk(i.filename)]
    for info in members:
        _refuse_escaping(info.filename, name)
        if info.flag_bits & 0x1:
            raise CrmError(Sentence("load.error.archive_password", file=name))
    return _checked(members, [_member_name(i) for i in members], sum(i.file_size for i in members), name)


def _tar_members(tf: tarfile.TarFile, name: str) -> list[tuple[str, tarfile.TarInfo]]:
    """The tar's files, checked as a zip's (links and devices are no data and are passed over). Sizes
    are counted while the headers are read, so a bomb stops at the first member past the limit."""
    members, size = [], 0
    for info in tf:
        _refuse_escaping(info.name, name)
        if info.isreg() and not _junk(info.name):
            members.append(info)
            size += info.size
            limits.check_unpacked(size, name, "max_file_mb", "load.limit.unpacked")
    return _checked(members, [i.name for i in members], size, name)


def _checked(members: list, shown: list[str], size: int, name: str) -> list[tuple[str, object]]:
    """Members named as ``shown``, checked: some, unpacked size within the limit, parts of one kind
    that join into one table (else refused naming them)."""
    if not members:
        raise CrmError(Sentence("load.error.archive_empty", file=name))
    limits.check_unpacked(size, name, "max_file_mb", "load.limit.unpacked")
    kinds = {_kind(s) for s in shown}
    if len(members) > 1 and (len(kinds) > 1 or not kinds <= _ONE_TABLE_KINDS):
        raise _different(name, shown)
    return list(zip(shown, members, strict=True))


def _refuse_escaping(member: str, name: str) -> None:
    if _escapes(member):
        raise CrmError(Sentence("load.error.archive_member_path", file=name, member=member))


@contextmanager
def _member(open_raw: Callable[[], BinaryIO]) -> Iterator[BinaryIO]:
    """One member for reading, gunzipped on the way when it is a ``.json.gz`` or ``.csv.gz``."""
    with open_raw() as raw:
        if raw.peek(2)[:2] != GZIP:
            yield raw
            return
        with gzip.GzipFile(fileobj=raw) as unzipped:
            yield unzipped


def _join(parts: list[tuple[str, Callable]], out: Path, name: str) -> None:
    """Copy the parts into ``out``: the first whole, later ones without their header line, which
    must be the first's (text), or each a JSON line (JSON: arrays or documents do not join by lines).
    Empty parts are skipped; bytes are counted against the limit."""
    text = _kind(parts[0][0]) not in JSON_SUFFIXES
    header, written, ends_line, differ = None, 0, True, []
    with out.open("wb") as dst:
        for shown, open_part in parts:
            with open_part() as src:
                first = src.readline(limits.max_line_bytes())
                line = first.removeprefix(_BOM).rstrip(b"\r\n")
                if not first:
                    continue
                if not text and len(parts) > 1 and not _json_object(line):
                    raise CrmError(Sentence("load.error.archive_json_documents", file=name,
                                            count=f"{len(parts):,}", member=shown))
                if text and header is not None and line != header:
                    differ.append(shown)
                    continue
                if not ends_line:
                    dst.write(b"\n")
                keep = first if header is None or not text else b""
                written, ends_line = _copy(src, dst, keep, written, name)
                header = line if header is None else header
    if differ:
        raise _different(name, [parts[0][0], *differ])


def _json_object(line: bytes) -> bool:
    """Whether a part's first line is a whole JSON object, as in JSON lines."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _copy(src: BinaryIO, dst: BinaryIO, first: bytes, written: int, name: str) -> tuple[int, bool]:
    """Stream one part; returns the bytes written so far and whether the part ended its last line."""
    chunk, ends_line = first or src.read(_CHUNK), True
    while chunk:
        written += len(chunk)
        limits.check_unpacked(written, name, "max_file_mb", "load.limit.unpacked")
        dst.write(chunk)
        ends_line = chunk.endswith(b"\n")
        chunk = src.read(_CHUNK)
    return written, ends_line


def _damaged(name: str, exc: Exception) -> CrmError:
    return CrmError(Sentence("load.error.archive_damaged", file=name, reason=str(exc) or type(exc).__name__))


def _different(name: str, files: list[str]) -> CrmError:
    return CrmError(Sentence("load.error.archive_mixed", file=name, count=f"{len(files):,}",
                             files=shortened(files, 6)))


def _refuse_nested(out: Path, name: str) -> None:
    """An archive inside the archive (a ``.tar.gz``, a zip in a zip) is not opened again."""
    with out.open("rb") as fh:
        head = fh.read(512)
    if (head.startswith((GZIP, ZIP)) and workbook.workbook_format(out) is None) or head[257:262] == b"ustar":
        raise CrmError(Sentence("load.error.binary_kind", name=name,
                                what=Term("an archive inside an archive", zh="压缩包里套着的压缩包")))


def _kind(member: str) -> str:
    """A member's kind by its suffix, a ``.gz`` left off: ``…#0.json.gz`` is JSON."""
    plain = member[:-3] if member.lower().endswith(".gz") else member
    return PurePosixPath(plain).suffix.lower()


def _junk(member: str) -> bool:
    """What macOS and Windows add to a zip beside the data: ``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``."""
    base = PurePosixPath(member).name
    return member.startswith("__MACOSX/") or base.startswith(".") or base.lower() == "thumbs.db"


def _escapes(member: str) -> bool:
    """A member named outside the archive: absolute, a drive, or climbing with ``..``."""
    parts = PurePosixPath(member.replace("\\", "/")).parts
    return member.startswith(("/", "\\")) or ".." in parts or (bool(parts) and ":" in parts[0])


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: Windows' zip keeps Chinese names in GBK without
    saying so, which Python reads as cp437 (``¼¦°ì.csv``)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename
