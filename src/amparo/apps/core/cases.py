"""The three settlement cases, named once for every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseCode(models.TextChoices):
    MS_L = "ms_l", _("Ms. L. v. ICE")
    MMM = "mmm", _("M.M.M. v. Sessions")
    DORA = "dora", _("Dora v. Sessions")
