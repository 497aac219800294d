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
from flask.templating import Environment as FlaskEnvironment
from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from site_builder.catalog import READS

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
        self._template_versions: dict[str, str] = {}

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

    def template_version(self, name: str) -> str:
        """A digest of the file template `name` resolves to (the first theme folder that has it)."""
        found = self._template_versions.get(name)
        if found is None:
            found = "absent"
            for folder in self.folders:
                path = folder / "templates" / name
                if path.is_file():
                    found = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
                    break
            self._template_versions[name] = found
        return found

    @property
    def shared_fingerprint(self) -> str:
        """Changes when a theme file that is not a template changes: static files, catalogs, theme.yaml.
        Templates are versioned one by one: an output depends on the templates it loaded."""
        digest = hashlib.sha256()
        for folder in self.folders:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                relative = path.relative_to(folder)
                if relative.parts[0] != "templates":
                    digest.update(relative.as_posix().encode() + path.read_bytes())
        digest.update(repr([folder.name for folder in self.folders]).encode())
        return digest.hexdigest()[:12]

    @property
    def fingerprint(self) -> str:
        """Changes whenever any template or static file changes (a cache name for service workers)."""
        digest = hashlib.sha256()
        for folder in self.folders:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
        return digest.hexdigest()[:12]


def record_template(name: object) -> None:
    """The output being rendered used theme template `name`: it depends on that file (incremental.py)."""
    reads = READS.get()
    if reads is not None and isinstance(name, str):
        reads.add(("template", name))


class RecordsTemplates:
    """A Jinja environment that records each template it hands out, including through extends, include
    and import (compiled templates load those with get_template / select_template)."""

    def get_template(self, name, parent=None, globals=None):  # noqa: ANN001, ANN201, A002 - Jinja's signature
        record_template(self.join_path(name, parent) if isinstance(name, str) and parent is not None else name)
        return super().get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):  # noqa: ANN001, ANN201, A002 - Jinja's signature
        for name in names if not isinstance(names, str) else [names]:  # every candidate: conservative
            record_template(self.join_path(name, parent) if isinstance(name, str) and parent is not None else name)
        return super().select_template(names, parent, globals)


class TemplateEnvironment(RecordsTemplates, FlaskEnvironment):
    """Flask's environment for the site's templates."""


class RouterEnvironment(RecordsTemplates, Environment):
    """A plain Jinja environment (the router templates' own escapers) over the same theme."""
