"""Publishing reaches the live site by itself: a publish queues a build, and a burst of publishes shares one.

The build runs in the worker (`wistakon worker`, i.e. `python -m cms db_worker --backend publishing`):
export the published content to the snapshot, then build it into a new release that is swapped in
only when it is complete. A failed build leaves the live site as it was and is recorded here.

Each publish names the item it changed, so the export writes only those items' folders. It writes the
whole snapshot when the run does not know what changed (a manual build, a large burst) or when the
snapshot may not match the database (no earlier export finished, or the folder is not as expected).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from cms.core.snapshot.export import export_snapshot
from cms.core.snapshot.partial import OutOfSync, export_items
from cms.publishing.changes import release_changes
from cms.publishing.models import BuildRun
from site_builder import releases  # cms may import the builder; the builder never imports Django
from site_builder.build import build_site

BACKEND = "publishing"  # settings.TASKS: a database queue, so builds survive restarts and leave the request
REASONS_KEPT = 10
ITEMS_KEPT = 50  # a burst that changes more items than this exports the whole snapshot


def request_build(reason: str, item: dict[str, str] | None = None) -> BuildRun | None:
    """Queue a build, or join the one already waiting; None when automatic builds are off.

    `item` is what the publish changed ({"section", "uid", "action"}); without it the run exports everything.
    """
    if not settings.WISTAKON_AUTO_BUILD:
        return None
    with transaction.atomic():
        waiting = BuildRun.objects.select_for_update().filter(status=BuildRun.Status.QUEUED).order_by("pk").first()
        if waiting is not None:
            if len(waiting.reasons) < REASONS_KEPT:
                waiting.reasons = [*waiting.reasons, reason]
            waiting.changed_items = with_item(waiting.changed_items, item)
            waiting.requests = F("requests") + 1
            waiting.save(update_fields=["requests", "reasons", "changed_items"])
            return waiting
        run = BuildRun.objects.create(reasons=[reason], changed_items=with_item([], item))
    build_live_site.enqueue(run.pk)
    return run


@task(backend=BACKEND)
def build_live_site(run_id: int) -> dict[str, Any]:
    """Export, then build; the BuildRun row records timings, changes or the error."""
    claimed = BuildRun.objects.filter(pk=run_id, status=BuildRun.Status.QUEUED).update(
        status=BuildRun.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return {"run": run_id, "skipped": "already built"}
    run = BuildRun.objects.get(pk=run_id)
    try:
        _export_and_build(run)
    except Exception as error:
        run.status, run.error = BuildRun.Status.FAILED, describe(error)
        raise
    else:
        run.status = BuildRun.Status.SUCCEEDED
    finally:
        run.finished_at = timezone.now()
        run.save()
    counts = {key: run.changes[key] for key in ("added", "changed", "removed")}
    return {"run": run.pk, "release": run.release, "changes": counts}


def with_item(items: list[dict[str, str]] | None, item: dict[str, str] | None) -> list[dict[str, str]] | None:
    """The run's changed items with `item` (its latest action); None once any publish did not say, or too many."""
    if items is None or item is None:
        return None
    others = [known for known in items if (known["section"], known["uid"]) != (item["section"], item["uid"])]
    return [*others, item] if len(others) < ITEMS_KEPT else None


def _export_and_build(run: BuildRun) -> None:
    content, out = Path(settings.WISTAKON_CONTENT_DIR), Path(settings.WISTAKON_DIST_DIR)
    started = time.perf_counter()
    exported = export(run, content)
    run.export_seconds = time.perf_counter() - started
    previous = releases.current(out)
    started = time.perf_counter()
    result = build_site(
        content,
        out,
        # The live site is 'as of' today: what is upcoming and which promotions run.
        now=timezone.localtime(),
        theme=getattr(settings, "WISTAKON_THEME", "default"),
        base_url=getattr(settings, "WISTAKON_BASE_URL", None),
        cms_url=getattr(settings, "WISTAKON_CMS_URL", "") or None,  # the suggestion forms post here
        cache_dir=getattr(settings, "WISTAKON_BUILD_CACHE", None),
        tiles=getattr(settings, "WISTAKON_TILES", None),
    )
    run.build_seconds = time.perf_counter() - started
    run.release, run.files = result.release.name, len(result.files)
    # The builder says what changed when it knows (it patched the live release); else compare the two releases.
    changes = getattr(result, "changes", None)
    run.changes = dict(changes) if changes is not None else release_changes(previous, result.release)
    # How the builder made it: incremental (unchanged outputs linked) or full; and what the export wrote.
    run.changes.update(incremental=getattr(result, "incremental", False), rendered=getattr(result, "rendered", None),
                       exported=exported)  # fmt: skip


def export(run: BuildRun, content: Path) -> str:
    """Export the run's changed items, or the whole snapshot; returns which, for the admin and the measurements."""
    why = whole_snapshot_needed(run, content)
    if why is None:
        items = [(item["section"], item["uid"]) for item in run.changed_items]
        try:
            export_items(content, items)
        except OutOfSync as reason:
            why = str(reason)
        else:
            return f"{len(items)} item{'s' if len(items) != 1 else ''}"
    export_snapshot(content)
    return f"everything: {why}"


def whole_snapshot_needed(run: BuildRun, content: Path) -> str | None:
    """Why this run must export the whole snapshot, or None when its changed items are enough."""
    if run.changed_items is None:
        return "the build does not know which items changed"
    if not content.is_dir():
        return f"{content} does not exist yet"
    before = BuildRun.objects.filter(pk__lt=run.pk).order_by("-pk").first()
    if before is None or before.export_seconds is None:
        # The snapshot matches the database only after an export that finished (the previous run's).
        return "no earlier export finished, so the snapshot may not match the database"
    return None


def describe(error: BaseException) -> str:
    """The message an editor sees in the admin: what failed, in the builder's own words."""
    text = str(error).strip() or type(error).__name__
    if type(error).__name__ in ("SnapshotInvalid", "BuildError", "ExportError"):
        return text
    return f"{type(error).__name__}: {text}"
