"""Frozen-Flask as strict as it goes: its settings, and its failures turned into a BuildError naming the URL."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, got_request_exception, request
from flask_frozen import FrozenFlaskWarning

from site_builder import incremental
from site_builder.errors import BuildError, disk_error

# A redirect, a 404 or a MIME type that does not match the file fails.
FREEZER_SETTINGS = {
    "FREEZER_REMOVE_EXTRA_FILES": False,  # the destination is new and empty
    "FREEZER_IGNORE_MIMETYPE_WARNINGS": False,
    "FREEZER_REDIRECT_POLICY": "error",
    "FREEZER_DEFAULT_MIMETYPE": "application/octet-stream",
    "FREEZER_IGNORE_404_NOT_FOUND": False,
    "PROPAGATE_EXCEPTIONS": True,
}


@contextmanager
def freezing(app: Flask, plan: incremental.Plan) -> Iterator[None]:
    """While Frozen-Flask renders: its warnings are errors, and any failure is a BuildError naming the URL.

    Ends by taking the plan's hooks off the app (plan.install put them on).
    """
    failing: list[str] = []

    def remember_failing_url(sender: Flask, exception: BaseException, **extra: object) -> None:
        failing.append(request.path)

    with (
        plan.discovering(),
        warnings.catch_warnings(),
        got_request_exception.connected_to(remember_failing_url, app),
    ):
        warnings.simplefilter("error", FrozenFlaskWarning)
        try:
            yield
        except FrozenFlaskWarning as warning:
            raise BuildError(f"the freezer refused an output: {warning}") from warning
        except BuildError:
            raise
        except OSError as error:
            if disk_error(error, Path()) is not None:
                raise  # build_site says it, naming the output folder
            where = failing[-1] if failing else "an output"
            raise BuildError(f"rendering {where} failed: {type(error).__name__}: {error}") from error
        except Exception as error:
            where = failing[-1] if failing else "an output"
            raise BuildError(f"rendering {where} failed: {type(error).__name__}: {error}") from error
        finally:
            plan.uninstall()
