from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0005_settlement_case_rejected")]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["surnames", "given_names", "id"], name="registry_person_name_order"
            ),
        )
    ]
