"""Publishing reaches the live site by itself: a publish queues a build, and a burst of publishes shares one.

The build runs in the worker (`wistakon worker`, i.e. `python -m cms db_worker --backend publishing`):
export the published content to the snapshot, then build it into a new release that is swapped in
only when it is complete. A failed build leaves the live site as it was and is recorded here.
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
from cms.publishing.changes import release_changes
from cms.publishing.models import BuildRun
from site_builder import releases  # cms may import the builder; the builder never imports Django
from site_builder.build import build_site

BACKEND = "publishing"  # settings.TASKS: a database queue, so builds survive restarts and leave the request
REASONS_KEPT = 10


def request_build(reason: str) -> BuildRun | None:
    """Queue a build, or join the one already waiting; None when automatic builds are off."""
    if not settings.WISTAKON_AUTO_BUILD:
        return None
    with transaction.atomic():
        waiting = BuildRun.objects.select_for_update().filter(status=BuildRun.Status.QUEUED).order_by("pk").first()
        if waiting is not None:
            if len(waiting.reasons) < REASONS_KEPT:
                waiting.reasons = [*waiting.reasons, reason]
            waiting.requests = F("requests") + 1
            waiting.save(update_fields=["requests", "reasons"])
            return waiting
        run = BuildRun.objects.create(reasons=[reason])
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


def _export_and_build(run: BuildRun) -> None:
    content, out = Path(settings.WISTAKON_CONTENT_DIR), Path(settings.WISTAKON_DIST_DIR)
    started = time.perf_counter()
    export_snapshot(content)
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
        cache_dir=getattr(settings, "WISTAKON_BUILD_CACHE", None),
    )
    run.build_seconds = time.perf_counter() - started
    run.release, run.files = result.release.name, len(result.files)
    run.changes = release_changes(previous, result.release)
    # How the builder made it: incremental (unchanged outputs linked) or full.
    run.changes.update(incremental=getattr(result, "incremental", False), rendered=getattr(result, "rendered", None))


def describe(error: BaseException) -> str:
    """The message an editor sees in the admin: what failed, in the builder's own words."""
    text = str(error).strip() or type(error).__name__
    if type(error).__name__ in ("SnapshotInvalid", "BuildError"):
        return text
    return f"{type(error).__name__}: {text}"
