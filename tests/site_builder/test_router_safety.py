"""Router packs are code: text from content never runs on a router, nor becomes a router variable.

A hostile catalog (the tiny site, and the demo content, with every text field that reaches a router
rewritten; built in memory, so it holds text the schema would refuse) is built;
every pack is unzipped; every script must parse in dash and busybox ash; the openNDS ThemeSpec is
sourced in a sandbox (busybox ash, the shell of OpenWrt's libopennds.sh, with its functions stubbed)
and every function it defines is called; no command from content may run and no `$(…)`, `$tok`,
`$authaction` or `$fas` from content may survive in any router page.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from flask import Flask
from markupsafe import Markup

from site_builder.catalog import Catalog, Item
from site_builder.portal import escape
from site_builder.snapshot import load_catalog
from site_builder.web.app import create_app
from tests.conftest import REPO, TINY, TINY_NOW

DEMO = REPO / "content"
MARKER = "PWNED"
TERMINATORS = ("WISTAKON_BODY_ID", "WISTAKON_BODY_EN", "WISTAKON_HEAD_ID", "WISTAKON_HEAD_EN", "WISTAKON_FOOT")
ROUTER_VARIABLES = "$(if chap-id)X$(endif) $(link-login-only) $tok $authaction $fas WISTAKON_FAS"
HOSTILE_TAG = "<wistakon-pwned>"
SHELLS = (("dash",), ("busybox", "ash"))
THEMESPEC_SHELL = ("busybox", "ash")  # openNDS sources ThemeSpecs from libopennds.sh: /bin/sh on OpenWrt is ash
TOKEN = "ZmFzIHRva2VuIGZvciB0ZXN0cw=="  # what openNDS puts in $fas: base64
# openNDS's functions and variables, as libopennds.sh provides them; then each ThemeSpec function
# named in the arguments, in a subshell (footer() exits), its output in <function>.out.
PRELUDE = r"""
auth_log() { ndsstatus=authenticated; }
lang=$1 fas=$2 originurl=$3 ndsparamlist='' fasvarlist=''
. ./theme_wistakon.sh
shift 3
for called in "$@"; do ("$called") >"$called.out" || echo "$called exited with $?" >&2; done
"""
LOGIN = "alun-alun-uji/mikrotik.zip/wistakon-alun-alun-uji/login.html"
SCRIPT = "alun-alun-uji/opennds.zip/theme_wistakon.sh"
DOLLAR = re.compile(r"\$\(?[\w-]*")
FUNCTION = re.compile(r"^([A-Za-z_]\w*)\(\) \{$", re.M)


def hostile(field: str) -> str:
    """A text that runs `touch PWNED` if it reaches a shell, ends every here-document of the old
    ThemeSpec, holds router variables and breaks out of HTML."""
    return "\n".join(
        (
            f"{field} Uji",
            f"touch {MARKER} #",
            *TERMINATORS,
            f"touch {MARKER}",
            f"{ROUTER_VARIABLES} `touch {MARKER}` $(touch {MARKER}) '; touch {MARKER}; ' \"; touch {MARKER}; \"",
            f"\\ </script>{HOSTILE_TAG} <!--wistakon:foot-->",
        )
    )


def _retitled(item: Item, text: Callable[[str], str], fields: tuple[str, ...]) -> MappingProxyType:
    return MappingProxyType(
        {
            lang: replace(t, **{name: text(f"{item.kind} {name} {lang}") for name in fields})
            for lang, t in item.translations.items()
        }
    )


def hostile_catalog(
    catalog: Catalog,
    text: Callable[[str], str] = hostile,
    fields: tuple[str, ...] = ("title", "summary", "hours_note", "prices_note", "accessibility"),
    *,
    extras: bool = True,
) -> Catalog:
    """`catalog` with `fields` of every translation of every item rewritten by `text`, and (with
    `extras`) every other free-text field a router pack shows. Built in memory, past the schema:
    the router output must be safe even for text that check would refuse."""
    area = text("area")

    def item(found: Item, **more: object) -> Item:
        return replace(found, translations=_retitled(found, text, fields), **(more if extras else {}))

    return replace(
        catalog,
        site=replace(catalog.site, name={lang: text(f"site {lang}") for lang in catalog.site.languages})
        if extras
        else catalog.site,
        categories=tuple(item(c) for c in catalog.categories),
        attractions=tuple(item(a) for a in catalog.attractions),
        events=tuple(
            item(e, organiser=text("organiser"), venue=e.venue and replace(e.venue, name=text("venue")))
            for e in catalog.events
        ),
        hotspots=tuple(item(h, ssid=text("ssid"), area=area) for h in catalog.hotspots),
        promotions=tuple(
            item(
                p,
                business=text("business"),
                link=f'https://contoh.example/?a=$(link-login-only)&b=$tok"{HOSTILE_TAG}',
                target_areas=(area,),
            )
            for p in catalog.promotions
        ),
    )


def router_files(catalog: Catalog, content: Path = TINY) -> dict[str, bytes]:
    """Every file of every router pack of every hotspot, by '<slug>/<router>.zip/<name>'."""
    client = create_app(catalog, now=TINY_NOW if content == TINY else None, content_dir=content).test_client()
    files: dict[str, bytes] = {}
    for hotspot in catalog.hotspots:
        for router in ("mikrotik", "opennds"):
            response = client.get(f"/portal/{hotspot.t('id').slug}/{router}.zip")
            assert response.status_code == 200, response.status_code
            with zipfile.ZipFile(io.BytesIO(response.data)) as pack:
                for name in pack.namelist():
                    files[f"{hotspot.t('id').slug}/{router}.zip/{name}"] = pack.read(name)
    return files


def call(
    sandbox: Path, functions: list[str], lang: str, fas: str = TOKEN, origin: str = "http%3a%2f%2fcontoh.example%2f"
) -> dict[str, str]:
    """What each ThemeSpec function prints, sourced and called as openNDS would, in `sandbox` as cwd."""
    run = subprocess.run(
        [*THEMESPEC_SHELL, "-c", PRELUDE, "themespec", lang, fas, origin, *functions],
        cwd=sandbox,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ["PATH"], "HOME": str(sandbox)},
        check=False,
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "", ""), (lang, run.stderr)
    return {function: (sandbox / f"{function}.out").read_text() for function in functions}


def themespec_pages(files: dict[str, bytes], sandbox: Path, fas: str = TOKEN) -> dict[str, str]:
    """Every ThemeSpec's every function's output in both languages, by '<file> <function> <lang>'."""
    pages = {}
    for name, data in files.items():
        if name.endswith(".sh"):
            script = data.decode()
            (sandbox / "theme_wistakon.sh").write_text(script)
            for lang in ("id", "en"):
                for function, page in call(sandbox, FUNCTION.findall(script), lang, fas).items():
                    pages[f"{name} {function} {lang}"] = page
    assert pages, "no ThemeSpec in the packs"
    return pages


def router_pages(files: dict[str, bytes], sandbox: Path) -> dict[str, str]:
    """Every page a router serves: the packs' HTML and what the ThemeSpec prints."""
    pages = {name: data.decode() for name, data in files.items() if name.endswith(".html")}
    return pages | themespec_pages(files, sandbox)


def sh_n(files: dict[str, bytes], folder: Path) -> None:
    for name, data in files.items():
        if name.endswith(".sh"):
            script = folder / "check.sh"
            script.write_bytes(data)
            for shell in SHELLS:
                run = subprocess.run([*shell, "-n", str(script)], capture_output=True, text=True, check=False)
                assert (run.returncode, run.stderr) == (0, ""), (shell, name, run.stderr)


def markers(root: Path) -> list[Path]:
    """Marker files under `root` or in the tests' own working directory."""
    return [path for path in (*root.rglob("*"), *Path.cwd().iterdir()) if MARKER in path.name]


@pytest.fixture(scope="module")
def clean(tiny_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return router_pages(router_files(tiny_catalog), tmp_path_factory.mktemp("clean"))


@pytest.fixture(scope="module")
def demo() -> Catalog:
    return load_catalog(DEMO)


# --- the three findings of issue 11, section 1, each on its own -------------------------------


def test_a_title_with_a_newline_runs_no_command_when_the_themespec_is_sourced(tiny_catalog, tmp_path):
    catalog = hostile_catalog(tiny_catalog, lambda _: f"Alun-alun Uji\ntouch {MARKER} #", ("title",), extras=False)
    files = router_files(catalog)
    for name, data in files.items():
        if name.endswith(".sh"):
            (tmp_path / "theme_wistakon.sh").write_bytes(data)
            for shell in SHELLS:  # sourced as a whole, then each function called
                subprocess.run([*shell, "-c", ". ./theme_wistakon.sh"], cwd=tmp_path, capture_output=True, check=False)
    themespec_pages(files, tmp_path)
    assert markers(tmp_path) == []


def test_a_line_like_a_heredoc_terminator_in_a_summary_leaves_every_script_parsing(tiny_catalog, tmp_path):
    catalog = hostile_catalog(
        tiny_catalog, lambda _: "Ringkasan\n" + "\n".join(TERMINATORS) + "\nlagi", ("summary",), extras=False
    )
    files = router_files(catalog)
    sh_n(files, tmp_path)
    pages = themespec_pages(files, tmp_path)
    for lang in ("id", "en"):  # the summary is printed whole, as text of the page
        assert "Ringkasan\n" + "\n".join(TERMINATORS) + "\nlagi" in pages[f"{SCRIPT} splash_page {lang}"]


def test_router_variables_in_titles_and_ssids_stay_text_in_every_router_page(tiny_catalog, tmp_path, clean):
    catalog = hostile_catalog(tiny_catalog, lambda field: f"{field} {ROUTER_VARIABLES}", ("title",), extras=False)
    catalog = replace(catalog, hotspots=tuple(replace(h, ssid=ROUTER_VARIABLES) for h in catalog.hotspots))
    pages = router_pages(router_files(catalog), tmp_path)
    assert pages.keys() == clean.keys()
    for name, page in pages.items():
        assert DOLLAR.findall(page) == DOLLAR.findall(clean[name]), name
    login = pages[LOGIN]
    assert "<h1>hotspot title id &#36;(if chap-id)X&#36;(endif) &#36;(link-login-only) &#36;tok" in login
    assert 'action="$(link-login-only)" method="post"$(if chap-id) onsubmit="return doLogin()"$(endif)>' in login


# --- every field at once ------------------------------------------------------------------------


def test_a_hostile_catalog_gives_router_packs_that_parse_run_nothing_and_expand_nothing(tiny_catalog, tmp_path, clean):
    files = router_files(hostile_catalog(tiny_catalog))
    pages = _expand_nothing(files, clean, tmp_path)
    login = pages[LOGIN]
    assert "&#36;(if chap-id)X&#36;(endif) &#36;(link-login-only) &#36;tok &#36;authaction &#36;fas" in login
    assert "`touch PWNED` &#36;(touch PWNED) &#39;; touch PWNED; &#39; &#34;; touch PWNED; &#34;" in login
    splash = pages["alun-alun-uji/opennds.zip/splash.html"]
    assert 'action="$authaction"' in splash and 'value="$tok"' in splash and "&#36;tok &#36;authaction" in splash
    body = pages[f"{SCRIPT} splash_page en"]
    assert f'value="{TOKEN}"' in body and "&#36;fas WISTAKON_FAS" in body and "$" not in body


def test_the_demo_content_made_hostile_gives_router_packs_that_run_nothing_and_expand_nothing(demo, tmp_path):
    (tmp_path / "clean").mkdir()
    clean = router_pages(router_files(demo, DEMO), tmp_path / "clean")
    assert len([name for name in clean if name.endswith("/login.html")]) == 2 * len(demo.hotspots)
    _expand_nothing(router_files(hostile_catalog(demo), DEMO), clean, tmp_path / "hostile")


def _expand_nothing(files: dict[str, bytes], clean: dict[str, str], sandbox: Path) -> dict[str, str]:
    """Every router page of `files` (a hostile build), checked against the same page of `clean`."""
    sandbox.mkdir(exist_ok=True)
    sh_n(files, sandbox)
    pages = router_pages(files, sandbox)
    assert markers(sandbox.parent) == []
    assert pages.keys() == clean.keys()
    for name, page in pages.items():
        assert DOLLAR.findall(page) == DOLLAR.findall(clean[name]), name
        assert HOSTILE_TAG not in page and "<!--wistakon:foot-->" not in page, name
        assert "hotspot title" not in page or "&lt;wistakon-pwned&gt;" in page, name
        assert page.count(TOKEN) == clean[name].count(TOKEN), name  # content's "$fas" is not the token
    return pages


def test_no_content_reaches_a_shell_comment_or_starts_a_line_of_its_own(tiny_catalog):
    clean_files = router_files(tiny_catalog)
    files = router_files(hostile_catalog(tiny_catalog))
    for name, data in files.items():
        if name.endswith(".sh"):
            script, before = data.decode(), clean_files[name].decode()
            comments = [line for line in script.splitlines() if line.lstrip().startswith("#")]
            assert comments == [line for line in before.splitlines() if line.lstrip().startswith("#")]
            assert not re.search(rf"^\s*touch {MARKER}", script, re.M)
        if name.endswith(".txt"):
            assert len(data.decode().splitlines()) == len(clean_files[name].decode().splitlines()), name


def test_the_themespec_refuses_a_client_token_outside_its_alphabet(tiny_catalog, tmp_path):
    (tmp_path / "theme_wistakon.sh").write_bytes(
        next(data for name, data in router_files(tiny_catalog).items() if name.endswith(".sh"))
    )
    page = call(tmp_path, ["splash_page"], "id", fas=f'x"><script>|&\\touch {MARKER}')["splash_page"]
    assert 'name="fas" value=""' in page and "<script>" not in page
    assert markers(tmp_path) == []


# --- the escapers, as the template engine applies them ----------------------------------------


@pytest.mark.parametrize("escaper", [escape.routeros_html, escape.opennds_html])
def test_router_html_escapes_every_value_even_one_marked_safe(app: Flask, escaper):
    environment = escape.environment(app, escaper)
    template = environment.from_string(
        "<p>{{ value }}|{{ value|safe }}|{% autoescape false %}{{ value }}{% endautoescape %}"
    )
    shown = template.render(value=Markup('<b>$(if chap-id)"$tok'))
    assert shown == "<p>" + "|".join(["&lt;b&gt;&#36;(if chap-id)&#34;&#36;tok"] * 3)


def test_sh_words_are_single_quoted_one_line_words_the_shell_prints_back_verbatim(app: Flask):
    text = hostile("any") + "\0\r\u2028"
    words = escape.environment(app, escape.sh_words).from_string("printf '%s\\n' {{ one }} {{ many }}")
    script = words.render(one=text, many=[text, "", "'"])
    assert "\n" not in escape.sh_words(text) and escape.sh_words(["a", "b"]) == "a \\\nb"
    for shell in SHELLS:
        printed = subprocess.run([*shell, "-c", script], capture_output=True, text=True, check=True).stdout
        assert printed.split("\n")[:4] == [escape.one_line(text)] * 2 + ["", "'"]


def test_a_template_outside_the_router_folders_has_no_router_escaper():
    assert escape.escaper_of("portal/mikrotik/login.html") is escape.routeros_html
    assert escape.escaper_of("portal/opennds/page.html") is escape.opennds_html
    assert escape.escaper_of("portal/opennds/theme_wistakon.sh") is escape.sh_words
    assert escape.escaper_of("portal/mikrotik/README.txt") is escape.text_line
    with pytest.raises(ValueError, match="not a router template"):
        escape.escaper_of("portal/splash.html")


def test_the_landing_page_entity_encodes_the_visitors_own_url(tiny_catalog, tmp_path):
    (tmp_path / "theme_wistakon.sh").write_bytes(
        next(data for name, data in router_files(tiny_catalog).items() if name.endswith(".sh"))
    )
    page = call(tmp_path, ["landing_page"], "en", origin="http%3a%2f%2fx.example%2f%22%3E%3Cscript%3E1&%27")
    assert '<a href="http://x.example/&quot;&gt;&lt;script&gt;1&amp;\'">' in page["landing_page"]
