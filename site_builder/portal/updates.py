"""What a router fetches to update itself: a pack's files one by one, their manifest, and the scripts.

The files are read back out of the pack's zip, so a router gets the very bytes the zip holds. The
manifest (`manifest.txt`) is a line format both a RouterOS script and busybox `sh` can parse:

    wistakon-pack 1
    hotspot <slug>
    router <mikrotik|opennds>
    date <YYYY-MM-DD>
    file <name> <size> <sha256> <sha512>     one line per file, names sorted
    end <number of files>

The last line lets a script tell a whole manifest from a cut one. SHA-512 is there because it is the
hash RouterOS's `:convert transform=` offers (it has md5 and sha512, no sha256).
"""

from __future__ import annotations

import hashlib
import io
import re
import shlex
import zipfile
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

FORMAT = "wistakon-pack 1"
# A published file's name: plain names, and for RouterOS one language folder (en/login.html).
SAFE_NAME = re.compile(r"(?:[a-z]{2}/)?[A-Za-z0-9_-][A-Za-z0-9._-]*")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLACEHOLDER = re.compile(r"@@[A-Z_]+@@")


@dataclass(frozen=True)
class PackFile:
    name: str
    body: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def sha512(self) -> str:
        return hashlib.sha512(self.body).hexdigest()


@dataclass(frozen=True)
class Release:
    """One router's pack of one hotspot, as published on a given day."""

    slug: str
    router: str
    day: date
    files: tuple[PackFile, ...]

    def file(self, name: str) -> PackFile | None:
        return next((f for f in self.files if f.name == name), None)

    @property
    def manifest(self) -> bytes:
        lines = [FORMAT, f"hotspot {self.slug}", f"router {self.router}", f"date {self.day.isoformat()}"]
        lines += [f"file {f.name} {len(f.body)} {f.sha256} {f.sha512}" for f in self.files]
        lines.append(f"end {len(self.files)}")
        return ("\n".join(lines) + "\n").encode("ascii")

    @property
    def sha256(self) -> str:
        """The pack's hash: that of its manifest, which names every file's hash."""
        return hashlib.sha256(self.manifest).hexdigest()

    def document(self, base: str) -> dict[str, Any]:
        """manifest.json: the manifest's facts, with each file's absolute URL (`base` ends in '/')."""
        return {
            "format": 1,
            "hotspot": self.slug,
            "router": self.router,
            "date": self.day.isoformat(),
            "sha256": self.sha256,
            "files": [
                {"name": f.name, "size": len(f.body), "sha256": f.sha256, "sha512": f.sha512, "url": base + f.name}
                for f in self.files
            ],
        }


def release(slug: str, router: str, day: date, pack_zip: bytes) -> Release:
    """The files a router installs, out of its pack: the MikroTik html directory, or openNDS's
    ThemeSpec and splash page. READMEs stay in the zip: they are for people."""
    files = []
    folder = f"wistakon-{slug}/"
    with zipfile.ZipFile(io.BytesIO(pack_zip)) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith("/") or name == "README.txt":
                continue
            published = name.removeprefix(folder) if router == "mikrotik" else name
            if not SAFE_NAME.fullmatch(published) or ".." in published:
                raise ValueError(f"pack file {name!r} of hotspot {slug!r} has no safe name to publish")
            files.append(PackFile(published, archive.read(name)))
    return Release(slug, router, day, tuple(files))


# --- the scripts ------------------------------------------------------------------------------


def sh_word(value: str) -> str:
    """A POSIX sh word that is exactly `value`, whatever it holds."""
    return shlex.quote(value)


def routeros_string(value: str) -> str:
    """A RouterOS script string literal that is exactly `value`: every character other than
    printable ASCII letters, digits and a few marks is written as a \\HH escape, so no quote,
    backslash, '$' or line break can end the string or become a variable."""
    plain = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/ ")
    out = []
    for char in value:
        if char in plain:
            out.append(char)
        else:
            out.extend(f"\\{byte:02X}" for byte in char.encode("utf-8"))
    return '"' + "".join(out) + '"'


def _fill(template: str, values: dict[str, str]) -> str:
    text = resources.files("site_builder.portal").joinpath("scripts", template).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    left = PLACEHOLDER.search(text)
    if left:
        raise ValueError(f"{template}: placeholder {left.group()} has no value")
    return text


def _checked_slug(slug: str) -> str:
    if not SLUG.fullmatch(slug):
        raise ValueError(f"hotspot slug {slug!r} is not lowercase letters, digits and hyphens")
    return slug


def opennds_script(slug: str, pack_url: str) -> bytes:
    """The openNDS updater for cron; `pack_url` is the folder of the pack's files, ending in '/'."""
    return _fill(
        "opennds-update.sh", {"SLUG": sh_word(_checked_slug(slug)), "PACK_URL": sh_word(pack_url)}
    ).encode("utf-8")


def routeros_script(slug: str, pack_url: str, names: list[str]) -> bytes:
    """The RouterOS updater: it installs exactly `names`, the files this build publishes."""
    _checked_slug(slug)
    return _fill(
        "mikrotik-update.rsc",
        {
            "SLUG": routeros_string(slug),
            "PACK_URL": routeros_string(pack_url),
            "DIR_A": routeros_string(f"flash/wistakon-{slug}-a"),
            "DIR_B": routeros_string(f"flash/wistakon-{slug}-b"),
            "NAMES": "{" + ";".join(routeros_string(name) for name in names) + "}",
        },
    ).encode("utf-8")


def routeros_install(slug: str, script_url: str) -> bytes:
    """`/import`-able lines that load the updater as a script and schedule it daily."""
    _checked_slug(slug)
    return _fill(
        "mikrotik-install.rsc", {"SLUG": routeros_string(slug), "SCRIPT_URL": routeros_string(script_url)}
    ).encode("utf-8")
