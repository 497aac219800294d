"""Themes: a folder of templates/ and static/ that may extend a parent theme.

Lookup is ordered: the theme itself, then its parents. Static files get fingerprinted names
(css/site.3f9a1c2b.css) so they can be cached forever.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import ChoiceLoader, FileSystemLoader

# The folder holding themes/ and content/: the checkout, or WISTAKON_HOME for an installed copy.
PROJECT_ROOT = Path(os.environ.get("WISTAKON_HOME") or Path(__file__).resolve().parents[2])
THEMES_DIR = PROJECT_ROOT / "themes"


class ThemeError(ValueError):
    pass


@dataclass(frozen=True)
class Asset:
    name: str  # logical name, e.g. css/site.css
    url_name: str  # fingerprinted, e.g. css/site.3f9a1c2b.css
    path: Path


class Theme:
    def __init__(self, name_or_path: str | Path = "default") -> None:
        self.folders = self._chain(Path(name_or_path))
        self.assets = self._collect_assets()
        self.by_url_name = {asset.url_name: asset for asset in self.assets.values()}

    def _chain(self, start: Path) -> list[Path]:
        folders: list[Path] = []
        current: Path | None = start if start.is_dir() else THEMES_DIR / str(start)
        while current is not None:
            if not current.is_dir():
                raise ThemeError(f"theme folder {current} does not exist; use a folder under {THEMES_DIR}")
            if current in folders:
                raise ThemeError(f"theme {current} extends itself through {folders}")
            folders.append(current)
            config = current / "theme.yaml"
            parent = yaml.safe_load(config.read_text())["extends"] if config.is_file() else None
            current = (THEMES_DIR / parent) if parent else None
        return folders

    def loader(self) -> ChoiceLoader:
        return ChoiceLoader([FileSystemLoader(folder / "templates") for folder in self.folders])

    def _collect_assets(self) -> dict[str, Asset]:
        assets: dict[str, Asset] = {}
        for folder in reversed(self.folders):  # children override parents
            static = folder / "static"
            for path in sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else []:
                name = path.relative_to(static).as_posix()
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                stem, dot, suffix = name.rpartition(".")
                assets[name] = Asset(name, f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}", path)
        return assets

    def asset(self, name: str) -> Asset:
        try:
            return self.assets[name]
        except KeyError:
            raise ThemeError(f"the theme has no static file '{name}' (looked in {self.folders})") from None

    @property
    def fingerprint(self) -> str:
        """Changes whenever any template or static file changes (a cache name for service workers)."""
        digest = hashlib.sha256()
        for folder in self.folders:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
        return digest.hexdigest()[:12]
