"""Incremental builds: record what each URL reads while it renders, and re-render only what changed.

While freezing, every request runs with a fresh `catalog.READS` set. Items record (uid, aspect) as
their fields are read, the Catalog records ("collection", name) as a collection is read. After a
successful build the map URL → (file, reads, url_for calls) is saved with the version of every key
(`state.pickle` beside the releases). The next build re-renders a URL only when a key it read has a
new version; the others are hard-linked from the previous release, which is never written to.
Each output also records ("template", name) for every theme template it loaded, so a changed template
re-renders only what used it. Anything else that affects every page (the theme's static files and
catalogs, code, today, base URL, site manifest) forces a full build.
"""

from site_builder.incremental.files import link_or_copy, previous_files, url_to_path
from site_builder.incremental.plan import Memo, Plan, recording
from site_builder.incremental.record import (
    APPLYING,
    PATCHES_FILE,
    STATE_FILE,
    Output,
    State,
    load_state,
    save_patch,
    save_state,
)
from site_builder.incremental.versions import CODE_VERSION, WIDE, Call, Key, Versions, stamp

__all__ = [
    "APPLYING",
    "CODE_VERSION",
    "PATCHES_FILE",
    "STATE_FILE",
    "WIDE",
    "Call",
    "Key",
    "Memo",
    "Output",
    "Plan",
    "State",
    "Versions",
    "link_or_copy",
    "load_state",
    "previous_files",
    "recording",
    "save_patch",
    "save_state",
    "stamp",
    "url_to_path",
]
