"""`wistakon`: one command line for the CMS and the builder.

Builder verbs run in this process; CMS verbs run `python -m cms …` in a child process, so this
module (and the whole of site_builder) never imports Django.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from site_builder import releases
from site_builder.catalog import JAKARTA
from site_builder.coverage import coverage_line
from site_builder.snapshot import SnapshotInvalid, check_content
from site_builder.web.theme import PROJECT_ROOT

DEFAULT_CONTENT = PROJECT_ROOT / "content"
DEFAULT_DIST = PROJECT_ROOT / "dist"
DEFAULT_CACHE = PROJECT_ROOT / ".cache" / "markdown"
console = Console(stderr=True)


class BuildDate(click.ParamType):
    """--date 2026-11-28 (midnight WIB) or --date 2026-11-28T09:00:00+07:00."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value)
        try:
            if "T" in text:
                moment = datetime.fromisoformat(text)
                if moment.tzinfo is None:
                    self.fail(f"'{text}' has no time zone; add +07:00 (WIB)", param, ctx)
                return moment.astimezone(JAKARTA)
            return datetime.combine(date.fromisoformat(text), clock_time(0), tzinfo=JAKARTA)
        except ValueError:
            self.fail(f"'{text}' is not a date; write 2026-11-28 or 2026-11-28T09:00:00+07:00", param, ctx)  # noqa: E501


class TileTemplate(click.ParamType):
    """--tiles https://tiles.example.org/{z}/{x}/{y}.png: the map's tile server, as Leaflet's URL template."""

    name = "url"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        missing = [part for part in ("{z}", "{x}", "{y}") if part not in text]
        if not text.startswith("https://") or missing:
            self.fail(f"'{text}' is not a tile URL template; write https://…/{{z}}/{{x}}/{{y}}.png", param, ctx)
        return text


content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="The content snapshot folder.",
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=DEFAULT_DIST,
    show_default=True,
    help="Where the live site goes (a symlink to the newest release).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Wistakon: the content system of Wisata Kota Cirebon."""


@main.command()
@content_option
@out_option
@click.option(
    "--date",
    "now",
    type=BuildDate(),
    default=None,
    help="Build 'as of' this day (promotions, 'upcoming'). Default: the content's last change.",
)
@click.option("--base-url", default=None, help="Absolute site URL for canonical links, feeds and the sitemap.")
@click.option("--theme", default="default", show_default=True, help="A theme name under themes/, or a folder.")
@click.option("--full", is_flag=True, help="Render every output into a new release, ignoring the last build's record.")
@click.option(
    "--tiles",
    type=TileTemplate(),
    envvar="WISTAKON_TILES",
    default=None,
    help="Map tile URL template, https://…/{z}/{x}/{y}.png (env WISTAKON_TILES). Default: OpenStreetMap's.",
)
@click.option("--cms-url", envvar="WISTAKON_CMS_URL", default=None,
              help="Public CMS address the suggestion forms post to (env WISTAKON_CMS_URL). Without it: no forms.")
@click.option("--workers", type=click.IntRange(min=1), envvar="WISTAKON_WORKERS", default=None,
              help="Processes that render (env WISTAKON_WORKERS). Default: one per core when there is enough to do.")
def build(content_dir: Path, out: Path, now: datetime | None, base_url: str | None, theme: str, full: bool,
          tiles: str | None, cms_url: str | None, workers: int | None) -> None:
    """Build content/ into a static site, feeds, app API and portal packs (dist/).

    By default only what changed since the last build is rendered: into the live release when the
    URLs are the same (a patch), else into a new release with the unchanged files linked in.
    """
    result = _build(content_dir, out, now=now, base_url=base_url, theme=theme, incremental_build=not full, tiles=tiles,
                    cms_url=cms_url, workers=workers)
    if result.patched:
        changed = result.changes["changed"] if result.changes else 0
        click.echo(
            f"Patched the live release {result.release.name}: rendered {result.rendered}, {changed} files changed, "
            f"live after {result.live_seconds:.2f} s ({result.seconds:.1f} s in all) → {out}"
        )
    else:
        how = f"rendered {result.rendered}, linked {result.linked}" if result.incremental else "full build"
        click.echo(
            f"Built {len(result.files)} files in {result.seconds:.1f} s ({how}) → {out} (release {result.release.name})"
        )
    if result.catalog is not None:
        click.echo(coverage_line(result.catalog))


def _build(content_dir: Path, out: Path, **options):
    from site_builder.build import BuildError, build_site

    with Progress(
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        try:
            return build_site(content_dir, out, cache_dir=DEFAULT_CACHE, progress=report, **options)
        except SnapshotInvalid as invalid:
            bar.stop()
            raise click.ClickException(str(invalid)) from None
        except BuildError as error:
            bar.stop()
            raise click.ClickException(f"build failed, the live site is unchanged: {error}") from None


@main.command()
@content_option
def check(content_dir: Path) -> None:
    """Validate content/: every problem at once, with file, line, field and fix."""
    if not content_dir.is_dir():
        raise click.ClickException(f"{content_dir} is not a folder; pass --content <folder>")
    errors = check_content(content_dir)
    for error in errors:
        click.echo(str(error))
    if errors:
        raise click.ClickException(f"{len(errors)} problem(s) in {content_dir}")
    click.echo(f"{content_dir}: all content is valid")


@main.command()
@out_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
def serve(out: Path, host: str, port: int) -> None:
    """Serve the built site with WhiteNoise."""
    from site_builder.serve import serve as run

    if not out.exists():
        raise click.ClickException(f"{out} does not exist yet; run 'wistakon build' first")
    click.echo(f"Serving {out} at http://{host}:{port}/ (Ctrl-C stops)")
    run(out, host, port)


@main.command("preview-server")
@content_option
@click.option("--cms-url", default="http://127.0.0.1:8000", show_default=True, help="Where the CMS runs.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8020, show_default=True, type=int)
def preview_server(content_dir: Path, cms_url: str, host: str, port: int) -> None:
    """Render CMS drafts with the real theme, for Wagtail's preview panel."""
    from werkzeug.serving import run_simple

    from site_builder.preview import create_preview_app

    click.echo(f"Preview server for {cms_url} at http://{host}:{port}/ (Ctrl-C stops)")
    run_simple(host, port, create_preview_app(content_dir, cms_url), threaded=True, use_reloader=False)


@main.command()
@out_option
def rollback(out: Path) -> None:
    """Undo the last published patch, or else make the previous build live again."""
    before = releases.current(out)
    try:
        target = releases.rollback(out)
    except releases.ReleaseError as error:
        raise click.ClickException(str(error)) from None
    if target == before:
        click.echo(f"{out}: undid the last patch of release {target.name} (the next build is a full one)")
    else:
        click.echo(f"{out} now serves release {target.name}")


@main.command("export")
@content_option
def export_content(content_dir: Path) -> None:
    """Write the CMS's published content to content/."""
    _cms("export_content", "--content", str(content_dir))


@main.command("import")
@content_option
def import_content(content_dir: Path) -> None:
    """Bring content/ (e.g. a contributor's files) into the CMS, by uid."""
    _cms("import_content", "--content", str(content_dir))


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def cms(host: str, port: int) -> None:
    """Run the Wagtail admin (development server)."""
    _cms("migrate", "--noinput")
    _cms("runserver", f"{host}:{port}")


@main.command()
@content_option
@out_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--cms-port", default=8000, show_default=True, type=int)
@click.option("--site-port", default=8080, show_default=True, type=int)
@click.option("--preview-port", default=8020, show_default=True, type=int)
@click.option("--base-url", default=None, help="The address in links, feeds and the API. Default: where it is served.")
@click.option("--no-serve", is_flag=True, help="Set everything up and build, then stop.")
def demo(content_dir: Path, out: Path, host: str, cms_port: int, site_port: int, preview_port: int,
         base_url: str | None, no_serve: bool) -> None:  # fmt: skip
    """Fresh clone → database, demo content, admin login, built site; CMS, site, preview server and build worker."""
    content_dir, out = content_dir.absolute(), out.absolute()
    # The demo's links, feeds and API point at the demo itself, not at the production site.
    base_url = (base_url or f"http://{host}:{site_port}").rstrip("/")
    steps = [
        ("Creating the database and tables", ["migrate", "--noinput"]),
        ("Creating the site and its languages", ["setup_site"]),
        ("Importing the demo content", ["import_content", "--content", str(content_dir)]),
        ("Creating the demo admin", ["create_demo_admin"]),
    ]
    os.environ["WISTAKON_AUTO_BUILD"] = "0"  # setting up publishes everything; the build below covers it
    for label, command in steps:
        with console.status(label):
            _cms(*command, quiet=True)
        console.print(f"[green]✓[/] {label}")
    cms_origin, site_url = f"http://{host}:{cms_port}", f"http://{host}:{site_port}/"
    result = _build(content_dir, out, base_url=base_url, cms_url=cms_origin)  # the forms post to this CMS
    console.print(f"[green]✓[/] Built the site for {base_url}: {len(result.files)} files in {result.seconds:.1f} s")
    preview_url = f"http://{host}:{preview_port}/"
    click.echo(
        f"\n  Wagtail admin:  {cms_origin}/admin/   (login: admin / wistakon-demo)\n  Static site:    {site_url}\n"
        f"  English site:   {site_url}en/\n  Preview server: {preview_url}   (the admin's preview panel)\n"
        f"  Publishing in the admin exports to {content_dir} and rebuilds {out} by itself.\n"
    )
    if no_serve:
        return
    from werkzeug.serving import make_server

    from site_builder.preview import create_preview_app
    from site_builder.serve import serve as run_site

    # The CMS and the build worker learn where the snapshot, the live site and the preview server are.
    os.environ.update({"WISTAKON_AUTO_BUILD": "1", "WISTAKON_CONTENT_DIR": str(content_dir),
                       "WISTAKON_DIST_DIR": str(out), "WISTAKON_PREVIEW_URL": preview_url,
                       "WISTAKON_BASE_URL": base_url, "WISTAKON_CMS_URL": cms_origin,
                       "WISTAKON_SITE_URL": site_url})  # fmt: skip
    children = {
        "the CMS server": [sys.executable, "-m", "cms", "runserver", f"{host}:{cms_port}", "--noreload"],
        "the build worker": [sys.executable, "-m", "cms", *WORKER_ARGUMENTS, "--interval", "0.2", "--no-reload"],
    }
    running: dict[str, subprocess.Popen] = {}
    # Ctrl-C (or a SIGTERM) stops the demo, even when it was started with SIGINT ignored (a background job).
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, signal.default_int_handler)
    try:
        for name, command in children.items():
            # Their own session: Ctrl-C reaches this process alone, which stops them in turn (no half-started
            # child's traceback, and a child that stops by itself is told apart from one stopped by Ctrl-C).
            running[name] = subprocess.Popen(command, env=_cms_env(), start_new_session=True)
        threading.Thread(target=run_site, args=(out, host, site_port), daemon=True).start()
        preview = make_server(host, preview_port, create_preview_app(content_dir, cms_origin), threaded=True)
        threading.Thread(target=preview.serve_forever, daemon=True).start()
        click.echo("The CMS, the site, the preview server and the build worker are running. Ctrl-C stops them.")
        while all(child.poll() is None for child in running.values()):
            time.sleep(0.5)
        name, child = next((n, c) for n, c in running.items() if c.poll() is not None)
        if child.returncode != 0:
            raise click.ClickException(f"{name} stopped (exit code {child.returncode}); stopping the demo")
        click.echo(f"{name[0].upper()}{name[1:]} was stopped; stopping the rest.")  # asked to stop: a clean stop
    except KeyboardInterrupt:
        click.echo("Stopping.")
    finally:
        for child in running.values():
            if child.poll() is None:
                child.terminate()
        for child in running.values():
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


# The publishing queue's worker: django-tasks-db's command on the "publishing" backend (cms/settings/base.py).
WORKER_ARGUMENTS = ["db_worker", "--backend", "publishing", "--no-startup-delay"]


@main.command()
@click.option("--interval", default=1.0, show_default=True, type=float, help="Seconds between looks at the queue.")
def worker(interval: float) -> None:
    """Run queued site builds (each publish in the CMS queues one) until stopped."""
    _cms(*WORKER_ARGUMENTS, "--interval", str(interval), "--no-reload")


def _cms_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    return env


def _cms(*arguments: str, quiet: bool = False) -> None:
    """Run a CMS management command in a child process; its errors become ours."""
    command = [sys.executable, "-m", "cms", *arguments]
    if quiet:
        done = subprocess.run(command, env=_cms_env(), capture_output=True, text=True)
        if done.returncode != 0:
            raise click.ClickException(f"'{' '.join(arguments)}' failed:\n{done.stdout}{done.stderr}".rstrip())
        return
    done = subprocess.run(command, env=_cms_env())
    if done.returncode != 0:
        raise click.ClickException(f"'{' '.join(arguments)}' failed (exit code {done.returncode})")


if __name__ == "__main__":
    main()
