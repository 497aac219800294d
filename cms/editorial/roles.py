"""The three editorial roles and the moderation workflow, set up idempotently.

Everything here takes an `apps` registry so that the data migration (historical models) and the
`setup_roles` command (the live models) run the same code.
"""

from __future__ import annotations

from typing import Any

CONTRIBUTOR = "Kontributor Komunitas"
MODERATOR = "Moderator"
ADMINISTRATOR = "Administrator"
WORKFLOW = "Moderasi Komunitas"
REVIEW_TASK = "Tinjauan moderator"

DESCRIPTIONS = {
    CONTRIBUTOR: (
        "Anggota Pokdarwis, komunitas sejarah, abdi dalem keraton atau asosiasi kuliner. Membuat dan menyunting "
        "draf tempat wisata dan acara, lalu mengirimkannya untuk ditinjau. Tidak dapat menerbitkan atau menghapus, "
        "dan tidak melihat draf kontributor lain kecuali dibagikan oleh moderator."
    ),
    MODERATOR: (
        "Editor DKIS. Meninjau kiriman kontributor, menyetujui (langsung terbit) atau menolak dengan komentar, "
        "menerbitkan dan menjadwalkan, serta mengelola hotspot WiFi, promosi dan kategori."
    ),
    ADMINISTRATOR: ("Pengelola sistem. Semua hak moderator, ditambah membuat akun, mengatur grup dan alur kerja."),
}

# Page permissions, by role: contributors below the attraction and agenda lists, the others everywhere.
CONTRIBUTOR_PAGE_ACTIONS = ("add", "change")
MODERATOR_PAGE_ACTIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
CONTRIBUTOR_IMAGE_ACTIONS = ("add", "choose")
FULL_MEDIA_ACTIONS = ("add", "change", "delete", "choose")
# Whole models a moderator manages (every permission of each).
MODERATOR_MODELS = (("hotspots", "hotspot"), ("promotions", "promotion"), ("core", "category"),
                    ("editorial", "draftshare"))  # fmt: skip
MODERATOR_EXTRA = (("agenda", "roll_over_agenda"), ("publishing", "rollback_site"))
# Wagtail adds these to snippets with drafts and locking only after all migrations; the workflow needs them now.
SNIPPET_EXTRA = (("promotions", "promotion", ("publish", "lock", "unlock")),)
INDEX_MODELS = (("attractions", "attractionindexpage"), ("agenda", "agendaindexpage"))
# Wagtail's default groups sit next to ours and invite mistakes: their members join the matching role.
WAGTAIL_GROUPS = {"Moderators": MODERATOR, "Editors": CONTRIBUTOR}


def apply_roles(apps: Any) -> dict[str, Any]:
    """Create or complete the groups, their permissions and the workflow; returns the groups by name."""
    Group = apps.get_model("auth", "Group")
    Role = apps.get_model("editorial", "Role")
    groups = {}
    for name, description in DESCRIPTIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        Role.objects.update_or_create(group=group, defaults={"description": description})
        groups[name] = group
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    for group in groups.values():
        group.permissions.add(access_admin)

    for app, model, actions in SNIPPET_EXTRA:
        for action in actions:
            _permission(apps, app, model, f"{action}_{model}", name=f"Can {action} {model}")
    moderator_perms = [p for app, model in MODERATOR_MODELS for p in _model_permissions(apps, app, model)]
    moderator_perms += [_permission(apps, app, None, code) for app, code in MODERATOR_EXTRA
                        if _exists(apps, app, code)]  # fmt: skip
    groups[MODERATOR].permissions.add(*moderator_perms)
    groups[ADMINISTRATOR].permissions.add(*apps.get_model("auth", "Permission").objects.all())

    root_page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    for name in (MODERATOR, ADMINISTRATOR):
        if root_page is not None:  # None only in a just-flushed test database
            _grant_pages(apps, groups[name], root_page.pk, MODERATOR_PAGE_ACTIONS)
        _grant_collection(apps, groups[name], "wagtailimages", "image", FULL_MEDIA_ACTIONS)
        _grant_collection(apps, groups[name], "wagtaildocs", "document", FULL_MEDIA_ACTIONS)
    _grant_collection(apps, groups[CONTRIBUTOR], "wagtailimages", "image", CONTRIBUTOR_IMAGE_ACTIONS)

    workflow = _workflow(apps, [groups[MODERATOR], groups[ADMINISTRATOR]])
    promotion_type = _content_type(apps, "promotions", "promotion")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.update_or_create(content_type=promotion_type, defaults={"workflow": workflow})
    attach_index_pages(apps)
    fold_wagtail_groups(apps, groups)
    return groups


def fold_wagtail_groups(apps: Any, groups: dict[str, Any]) -> None:
    """Move the members of Wagtail's default groups into our roles, let our reviewers approve Wagtail's
    default workflow, and delete those groups."""
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for name, role in WAGTAIL_GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        groups[role].user_set.add(*group.user_set.all())
        for task in GroupApprovalTask.objects.filter(groups=group):
            task.groups.add(groups[MODERATOR], groups[ADMINISTRATOR])
        group.delete()


def attach_index_pages(apps: Any) -> int:
    """Give contributors their pages and put them under the workflow; returns how many index pages."""
    Group = apps.get_model("auth", "Group")
    contributors = Group.objects.filter(name=CONTRIBUTOR).first()
    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).first()
    if contributors is None or workflow is None:
        return 0  # the roles are not set up yet: the migration or `setup_roles` does it later
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    count = 0
    for app_label, model_name in INDEX_MODELS:
        for page_id in apps.get_model(app_label, model_name).objects.values_list("pk", flat=True):
            _grant_pages(apps, contributors, page_id, CONTRIBUTOR_PAGE_ACTIONS)
            WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})
            count += 1
    return count


def _workflow(apps: Any, reviewers: list[Any]) -> Any:
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task_type = _content_type(apps, "wagtailcore", "groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK, active=True, content_type=task_type)
    task.groups.add(*reviewers)
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    return workflow


def _content_type(apps: Any, app_label: str, model: str) -> Any:
    return apps.get_model("contenttypes", "ContentType").objects.get_or_create(app_label=app_label, model=model)[0]


def _exists(apps: Any, app_label: str, codename: str) -> bool:
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def _permission(apps: Any, app_label: str, model: str | None, codename: str, name: str = "") -> Any:
    Permission = apps.get_model("auth", "Permission")
    if model is None:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    return Permission.objects.get_or_create(content_type=_content_type(apps, app_label, model), codename=codename,
                                            defaults={"name": name or codename.replace("_", " ")})[0]  # fmt: skip


def _model_permissions(apps: Any, app_label: str, model: str) -> list[Any]:
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type=_content_type(apps, app_label, model)))


def _grant_pages(apps: Any, group: Any, page_id: int, actions: tuple[str, ...]) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for action in actions:
        permission = _permission(apps, "wagtailcore", "page", f"{action}_page")
        GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)


def _grant_collection(apps: Any, group: Any, app_label: str, model: str, actions: tuple[str, ...]) -> None:
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    for action in actions if root is not None else ():
        permission = _permission(apps, app_label, model, f"{action}_{model}")
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
