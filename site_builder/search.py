"""The static search index: Pagefind run over a finished release, one index per language (from <html lang>).

Pages opt in with `data-pagefind-body` (attraction and event pages) and carry `type` and `category`
filters, so the search page can narrow results without a server.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import cbor2

BUNDLE = "pagefind"
# Pagefind's binary files: this signature, then CBOR, all gzipped.
SIGNATURE = b"pagefind_dcd"


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchIndex:
    folder: Path
    seconds: float
    files: list[str]  # relative to the release


def build_search_index(release: Path, subdir: str = BUNDLE) -> SearchIndex:
    """Write the Pagefind bundle into `release`/`subdir`/ and say how long it took."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--site", str(release), "--output-subdir", subdir, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(
            f"Pagefind could not run ({error}); install it with: pip install 'pagefind[bin]'"
        ) from error
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind failed (exit {done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}; "
            "is the 'pagefind[bin]' package installed?"
        )
    folder = release / subdir
    if not (folder / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind ran but wrote no {folder / 'pagefind.js'}; no page has data-pagefind-body?")
    canonicalise(folder)
    files = sorted(p.relative_to(release).as_posix() for p in folder.rglob("*") if p.is_file())
    return SearchIndex(folder, time.perf_counter() - started, files)


def canonicalise(folder: Path) -> None:
    """Make Pagefind's filter indexes, metadata and entry file the same bytes for the same pages.

    Pagefind 1.5 writes filter values (and so the filter and metadata file names) in hash-map order,
    which changes from run to run (Pagefind issue #638). We sort them and rename the files by their
    content, the way Pagefind names them, so the same content still gives the same release.
    """
    entry_file = folder / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for lang, language in sorted(entry["languages"].items()):
        meta_file = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_file)
        renamed = {}
        for name, filter_hash in meta[3]:
            old = folder / "filter" / f"{filter_hash}.pf_filter"
            values = _read(old)
            values[1] = sorted(values[1], key=lambda value: value[0])
            renamed[name] = _write(old, values, f"{lang}_", 7)
        meta[3] = sorted([name, renamed[name]] for name, _ in meta[3])
        meta[5] = sorted(meta[5])
        language["hash"] = _write(meta_file, meta, f"pagefind.{lang}_", 10).removeprefix("pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{path} is not a Pagefind index file this version understands")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(old: Path, value: list, prefix: str, digits: int) -> str:
    """Replace `old` by `value`, named by a digest of its bytes; return the new name without its suffix."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    stem = prefix + hashlib.sha256(data).hexdigest()[:digits]
    old.unlink()
    old.with_name(stem + old.suffix).write_bytes(data)
    return stem
