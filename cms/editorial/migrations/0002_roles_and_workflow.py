"""The editorial groups (Kontributor Komunitas, Moderator, Administrator) and the Moderasi Komunitas workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from cms.editorial.roles import apply_roles


def set_up(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("agenda", "0002_roll_over_permission"),
        ("attractions", "0001_initial"),
        ("hotspots", "0001_initial"),
        ("promotions", "0001_initial"),
        ("core", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
