"""Incremental builds: the same bytes as a clean build, with only what changed re-rendered."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder import releases
from site_builder.build import BuildResult, build_site
from site_builder.snapshot import SnapshotInvalid, load_catalog
from site_builder.snapshot.frontmatter import dump, parse

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
NOW = datetime.fromisoformat("2026-10-01T12:00:00+07:00")
KERATON = "33333333-3333-4333-8333-333333333333"
FESTIVAL = "88888888-8888-4888-8888-888888888888"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def make_site(root: Path) -> tuple[Path, Path]:
    """The tiny site with the agenda extras laid over it, and a copy of the default theme."""
    content, theme = root / "content", root / "theme"
    shutil.copytree(FIXTURES / "tiny", content)
    for section in ("categories", "events"):
        shutil.copytree(FIXTURES / "agenda-extra" / section, content / section, dirs_exist_ok=True)
    shutil.copytree(ROOT / "themes" / "default", theme)
    return content, theme


def build(content: Path, theme: Path, out: Path, **options: object) -> BuildResult:
    return build_site(content, out, now=NOW, theme=theme, cache_dir=out.parent / "cache", **options)


def rewrite(path: Path, change) -> None:
    document = parse(path.read_text(encoding="utf-8"))
    meta, body = change(document.meta, document.body)
    path.write_text(dump(meta, body), encoding="utf-8")


def bundles(content: Path, section: str) -> list[Path]:
    return sorted(p for p in (content / section).iterdir() if p.is_dir())


# --- the edits an editor makes ------------------------------------------------------------------------


def change_body(content: Path, theme: Path, n: int) -> None:
    folders = [*bundles(content, "attractions"), *bundles(content, "events")]  # 5, fewer after a deletion
    folder = folders[n % len(folders)]
    rewrite(folder / "index.id.md", lambda meta, body: (meta, f"{body}\n\nDiperbarui {n}."))


def change_title(content: Path, theme: Path, n: int) -> None:
    folders = [*bundles(content, "attractions"), *bundles(content, "events")]
    folder = folders[n % len(folders)]
    lang = ("id", "en")[n % 2]
    path = folder / f"index.{lang}.md"
    if path.is_file():
        rewrite(path, lambda meta, body: ({**meta, "title": f"{meta['title']} {n}"}, body))


def _events_with_occurrences(content: Path) -> list[Path]:
    return [f for f in bundles(content, "events") if parse((f / "index.id.md").read_text()).meta.get("occurrences")]


def move_occurrence(content: Path, theme: Path, n: int) -> None:
    def move(meta, body):
        occurrence = meta["occurrences"][n % len(meta["occurrences"])]
        occurrence.setdefault("previous_start", occurrence["start"])
        for key in ("start", "end"):
            if key in occurrence:
                text = occurrence[key]
                moved = datetime.fromisoformat(text) + timedelta(days=7)
                occurrence[key] = moved.isoformat() if "T" in text else moved.date().isoformat()
        occurrence["sequence"] += 1
        return meta, body

    found = _events_with_occurrences(content)
    if found:
        rewrite(found[n % len(found)] / "index.id.md", move)


def cancel_occurrence(content: Path, theme: Path, n: int) -> None:
    def cancel(meta, body):
        occurrence = meta["occurrences"][n % len(meta["occurrences"])]
        occurrence["status"] = "cancelled"
        occurrence["sequence"] += 1
        return meta, body

    found = _events_with_occurrences(content)
    if found:
        rewrite(found[n % len(found)] / "index.id.md", cancel)


def delete_item(content: Path, theme: Path, n: int) -> None:
    candidates = [*bundles(content, "events"), *bundles(content, "attractions"), *bundles(content, "promotions")]
    if len(candidates) > 1:
        shutil.rmtree(candidates[n % len(candidates)])


def add_item(content: Path, theme: Path, n: int) -> None:
    section = ("attractions", "events")[n % 2]
    source = bundles(content, section)[0]
    target = content / section / f"baru-{n}"
    if target.exists():
        return
    shutil.copytree(source, target)
    uid = f"{n % 100000000:08d}-0000-4000-8000-000000000000"
    for path in target.glob("index.*.md"):
        rewrite(path, lambda meta, body: ({**meta, "uid": uid, "slug": f"baru-{n}", "title": f"Baru {n}"}, body))


def change_category(content: Path, theme: Path, n: int) -> None:
    categories = {"11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"}
    folder = bundles(content, "attractions")[n % len(bundles(content, "attractions"))]

    def swap(meta, body):
        return {**meta, "category": next(iter(categories - {meta["category"]}))}, body

    rewrite(folder / "index.id.md", swap)


def change_template(content: Path, theme: Path, n: int) -> None:
    template = theme / "templates" / "base.html"
    template.write_text(template.read_text(encoding="utf-8").replace("</body>", f"<!-- r{n} --></body>", 1))


def change_page_template(content: Path, theme: Path, n: int) -> None:
    """A template only some outputs use: an attraction's page, or a router's splash page."""
    name = ("attraction.html", "portal/mikrotik/login.html", "partials/card.html")[n % 3]
    template = theme / "templates" / name
    if template.is_file():
        template.write_text(template.read_text(encoding="utf-8") + f"{{# r{n} #}}<!-- r{n} -->\n", encoding="utf-8")


EDITS = [
    change_body,
    change_title,
    move_occurrence,
    cancel_occurrence,
    delete_item,
    add_item,
    change_category,
    change_template,
    change_page_template,
]


def apply(edit, content: Path, theme: Path, n: int) -> None:
    """Make the edit, or undo it when it leaves the snapshot invalid (e.g. deleting a referenced item)."""
    backup = content.parent / "backup"
    shutil.rmtree(backup, ignore_errors=True)
    shutil.copytree(content, backup)
    edit(content, theme, n)
    try:
        load_catalog(content)
    except SnapshotInvalid:
        shutil.rmtree(content)
        backup.rename(content)


# --- the property ------------------------------------------------------------------------------------


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 1000)), min_size=1, max_size=3))
@example([(change_category, 0), (change_body, 48)])  # a linked page still makes its url_for-only links frozen
def test_incremental_output_is_byte_identical_to_a_clean_build_after_random_edits(edits):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content, theme = make_site(root)
        out = root / "site" / "dist"
        build(content, theme, out)
        for edit, n in edits:
            apply(edit, content, theme, n)
            result = build(content, theme, out)
        clean = build(content, theme, root / "clean" / "dist", incremental_build=False)
        assert tree_digest(result.release) == tree_digest(clean.release)


# --- what gets re-rendered -------------------------------------------------------------------------------


def test_a_build_with_nothing_changed_renders_nothing(tmp_path):
    content, theme = make_site(tmp_path)
    first = build(content, theme, tmp_path / "dist")
    second = build(content, theme, tmp_path / "dist")
    assert second.incremental and second.rendered == 0
    assert second.linked == len(second.files) == len(first.files)
    assert tree_digest(second.release) == tree_digest(first.release)


def test_a_body_edit_re_renders_only_that_items_pages_and_what_shows_its_full_text(tmp_path):
    content, theme = make_site(tmp_path)
    build(content, theme, tmp_path / "dist")
    change_body(content, theme, 0)  # keraton-uji, the first attraction
    result = build(content, theme, tmp_path / "dist")
    rendered = set(result.rendered_files)
    assert {
        "wisata/keraton-uji/index.html",
        "en/attractions/test-palace/index.html",
        f"api/v1/attractions/{KERATON}.json",
    } <= rendered
    assert "index.html" not in rendered and "wisata/index.html" not in rendered
    # Besides its pages and API document: what shows its full facts or its date of change
    # (API page and index, Atom feeds, its sitemap, the portal pack, the service worker's build id).
    assert len(rendered) <= 16, sorted(rendered)
    assert "Diperbarui 0." in (result.release / "wisata" / "keraton-uji" / "index.html").read_text()


def test_a_template_change_re_renders_every_output_that_uses_it_and_nothing_else(tmp_path):
    content, theme = make_site(tmp_path)
    first = build(content, theme, tmp_path / "dist")
    change_template(content, theme, 1)  # base.html: every page
    result = build(content, theme, tmp_path / "dist")
    rendered = set(result.rendered_files)
    pages = {name for name in first.files if name.endswith(".html") and not name.startswith("portal/")}
    assert result.incremental and pages <= rendered
    assert "<!-- r1 -->" in (result.release / "wisata" / "keraton-uji" / "index.html").read_text()
    assert "sw.js" in rendered  # the service worker's cache name follows every theme file
    assert not any(name.endswith((".json", ".ics", ".pdf")) for name in rendered), sorted(rendered)

    change_page_template(content, theme, 0)  # attraction.html: the attraction pages only
    again = build(content, theme, tmp_path / "dist")
    assert "wisata/keraton-uji/index.html" in again.rendered_files
    assert "index.html" not in again.rendered_files and "acara/festival-uji/index.html" not in again.rendered_files
    clean = build(content, theme, tmp_path / "clean", incremental_build=False)
    assert tree_digest(again.release) == tree_digest(clean.release)


def test_deleting_an_item_removes_its_outputs_and_every_mention_of_it(tmp_path):
    content, theme = make_site(tmp_path)
    first = build(content, theme, tmp_path / "dist")
    assert (first.release / "acara" / "festival-uji" / "index.html").is_file()
    shutil.rmtree(content / "events" / "festival-uji")
    result = build(content, theme, tmp_path / "dist")
    assert result.incremental and result.linked > 0
    assert not (result.release / "acara" / "festival-uji" / "index.html").exists()
    assert not (result.release / "api" / "v1" / "events" / f"{FESTIVAL}.json").exists()
    mentions = [
        p.relative_to(result.release).as_posix()
        for p in result.release.rglob("*")
        if p.is_file() and p.suffix in (".html", ".ics", ".json", ".xml") and FESTIVAL.encode() in p.read_bytes()
    ]
    assert mentions == []
    clean = build(content, theme, tmp_path / "clean" / "dist", incremental_build=False)
    assert tree_digest(result.release) == tree_digest(clean.release)


def test_a_patch_writes_only_changed_files_into_the_live_release_and_rollback_undoes_it(tmp_path):
    content, theme = make_site(tmp_path)
    out = tmp_path / "dist"
    first = build(content, theme, out)
    before = tree_digest(first.release)
    page = first.release / "wisata" / "keraton-uji" / "index.html"
    untouched = first.release / "wisata" / "taman-uji" / "index.html"
    inode = untouched.stat().st_ino
    change_body(content, theme, 0)  # keraton-uji
    patched = build(content, theme, out)
    assert patched.patched and patched.release == first.release == out.resolve()
    assert "Diperbarui 0." in page.read_text() and untouched.stat().st_ino == inode  # never rewritten
    assert patched.changes is not None and "wisata/keraton-uji/index.html" in patched.changes["examples"]["changed"]
    assert releases.rollback(out) == first.release
    assert tree_digest(first.release) == before  # the search index and compressed copies too
    again = build(content, theme, out)  # the record was dropped: a full build into a new release
    assert not again.incremental and again.release != first.release
    assert "Diperbarui 0." in (again.release / "wisata" / "keraton-uji" / "index.html").read_text()


def test_a_moved_date_patches_the_pages_first_then_its_booklets_in_the_same_undo_step(tmp_path):
    content, theme = make_site(tmp_path)
    out = tmp_path / "dist"
    first = build(content, theme, out)
    before = tree_digest(first.release)
    move_occurrence(content, theme, 0)
    patched = build(content, theme, out)
    assert patched.patched and patched.release == first.release
    booklets = [name for name in patched.changes["examples"]["changed"] if name.endswith(".pdf")]
    assert booklets, patched.changes  # the year's booklet changed, and followed the pages into the release
    assert not (releases.releases_dir(out) / "applying-patch").exists()
    clean = build(content, theme, tmp_path / "clean", incremental_build=False)
    assert tree_digest(patched.release) == tree_digest(clean.release)
    assert releases.rollback(out) == first.release  # one step undoes the pages and the booklets
    assert tree_digest(first.release) == before


def test_an_older_release_is_byte_for_byte_unchanged_by_later_builds(tmp_path):
    content, theme = make_site(tmp_path)
    first = build(content, theme, tmp_path / "dist")
    delete_item(content, theme, 0)  # a URL goes: a new release
    second = build(content, theme, tmp_path / "dist")
    assert second.incremental and not second.patched and second.release != first.release
    before = tree_digest(first.release)
    for edit, n in ((change_body, 1), (move_occurrence, 2), (delete_item, 0)):
        apply(edit, content, theme, n)
        result = build(content, theme, tmp_path / "dist")
        assert result.linked > 0
    assert tree_digest(first.release) == before


def test_a_title_edit_is_patched_with_its_new_share_image_and_without_the_old_one(tmp_path):
    content, theme = make_site(tmp_path)
    out = tmp_path / "dist"
    first = build(content, theme, out)
    shares = {p.name for p in (first.release / "share").glob("*.jpg")}
    change_title(content, theme, 0)  # keraton-uji's Indonesian title
    result = build(content, theme, out)
    assert result.patched and result.changes is not None
    now = {p.name for p in (result.release / "share").glob("*.jpg")}
    assert len(now - shares) >= 1 and len(shares - now) >= 1  # one new share image, one gone
    assert result.changes["added"] >= 1 and result.changes["removed"] >= 1
    clean = build(content, theme, tmp_path / "clean" / "dist", incremental_build=False)
    assert tree_digest(result.release) == tree_digest(clean.release)


def test_a_date_moved_into_this_weekend_re_renders_the_weekend_page_and_a_new_day_rebuilds_all(tmp_path):
    content, theme = make_site(tmp_path)
    build(content, theme, tmp_path / "dist")  # NOW is Thursday 1 October 2026: this weekend is 3–4 October

    def to_saturday(meta, body):
        occurrence = meta["occurrences"][-1]
        occurrence.update(start="2026-10-03T19:00:00+07:00", end="2026-10-03T22:00:00+07:00")
        occurrence["sequence"] += 1
        return meta, body

    rewrite(content / "events" / "festival-uji" / "index.id.md", to_saturday)
    result = build(content, theme, tmp_path / "dist")
    rendered = set(result.rendered_files)
    assert {"agenda/akhir-pekan-ini/index.html", "en/agenda/this-weekend/index.html"} <= rendered
    assert "Festival Uji" in (result.release / "agenda" / "akhir-pekan-ini" / "index.html").read_text()
    clean = build_site(content, tmp_path / "clean", now=NOW, theme=theme, incremental_build=False)
    assert tree_digest(result.release)["agenda/akhir-pekan-ini/index.html"] == tree_digest(clean.release)[
        "agenda/akhir-pekan-ini/index.html"
    ]
    sunday = build_site(content, tmp_path / "dist", now=NOW + timedelta(days=3), theme=theme,
                        cache_dir=tmp_path / "cache")  # fmt: skip
    assert not sunday.incremental  # a new day changes the build's stamp: everything is rendered again
    assert "Festival Uji" not in (sunday.release / "agenda" / "akhir-pekan-ini" / "index.html").read_text()
