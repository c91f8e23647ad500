"""The three settlement cases as DOMAIN.md §2 records them.

Dora's approval dates in D.D.C. were not read from the docket: they stay empty
until confirmed, rather than borrowing the S.D. Cal. dates.
"""

from datetime import date

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

CASES = [
    {
        "code": "ms_l",
        "caption": "Ms. L. v. ICE",
        "court": "S.D. Cal.",
        "docket_number": "3:18-cv-00428",
        "represents": "Separated parents",
        "court_status": "final_approval",
        "class_certified_on": date(2018, 6, 26),
        "agreement_lodged_on": date(2018, 9, 12),
        "preliminary_approval_on": date(2018, 10, 9),
        "final_approval_on": date(2018, 11, 15),
    },
    {
        "code": "mmm",
        "caption": "M.M.M. v. Sessions",
        "court": "S.D. Cal.",
        "docket_number": "3:18-cv-1832",
        "represents": "Separated children",
        "court_status": "final_approval",
        "agreement_lodged_on": date(2018, 9, 12),
        "preliminary_approval_on": date(2018, 10, 9),
        "final_approval_on": date(2018, 11, 15),
    },
    {
        "code": "dora",
        "caption": "Dora v. Sessions",
        "court": "D.D.C.",
        "docket_number": "1:18-cv-1938",
        "represents": "Parents whose fear interview while separated was negative",
        "court_status": "agreement_lodged",
        "agreement_lodged_on": date(2018, 9, 12),
    },
]


def add_cases(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    settlement_case = apps.get_model("registry", "SettlementCase")
    for case in CASES:
        settlement_case.objects.update_or_create(code=case["code"], defaults=case)


def remove_cases(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("registry", "SettlementCase").objects.filter(
        code__in=[c["code"] for c in CASES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add_cases, remove_cases)]
