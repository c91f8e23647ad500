from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from amparo.apps.core import immutable

TABLES = ["registry_sourcerecord"]


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    immutable.install(TABLES, schema_editor)


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    immutable.uninstall(TABLES, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_settlement_cases")]
    operations = [migrations.RunPython(forwards, backwards)]
