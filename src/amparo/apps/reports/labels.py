"""The categories' names as the court reads them, in English and Spanish."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REPORT_NAMES = {
    "ms_l": _("Ms. L. v. ICE"),
    "mmm": _("M.M.M. v. Sessions"),
    "dora": _("Dora v. Sessions"),
    "combined": _("All three cases, combined"),
}
SECTION_NAMES = {
    "children": _("Separated children"),
    "parents": _("Separated parents"),
    "members": _("Class members and elections"),
    "interviews": _("Settlement interviews"),
    "deported": _("Deported parents"),
    "notice": _("Class notice"),
    "objections": _("Objections"),
}
CATEGORY_NAMES = {
    "children_identified": _("Children identified"),
    "children_under_5": _("under 5"),
    "children_5_17": _("5 to 17"),
    "children_age_unknown": _("age not known"),
    "children_in_care": _("still in ORR care"),
    "discharged": _("Discharged from ORR care"),
    "discharged_to_parent": _("reunified with a parent"),
    "discharged_to_sponsor": _("released to a sponsor"),
    "discharged_turned_18": _("turned 18"),
    "parents_separated": _("Separated parents"),
    "parent_detained": _("in immigration detention"),
    "parent_released": _("released in the interior"),
    "parent_criminal_custody": _("in criminal custody"),
    "parent_removed": _("removed from the United States"),
    "parent_whereabouts_unknown": _("whereabouts unknown"),
    "ineligible": _("Found ineligible (red flag)"),
    "members_ms_l": _("Ms. L. class members"),
    "members_mmm": _("M.M.M. class members"),
    "members_dora": _("Dora class members"),
    "elected_stay": _("Elected to stay and pursue the procedures"),
    "waived": _("Waived the procedures"),
    "interviews_requested": _("Interviews requested"),
    "interviews_scheduled": _("scheduled"),
    "interviews_conducted": _("conducted"),
    "interviews_positive": _("positive"),
    "interviews_negative": _("negative"),
    "interviews_judge_review": _("in review by an immigration judge"),
    "deported_cases": _("Deported parents with a return case"),
    "deported_located": _("located"),
    "deported_contacted": _("contacted"),
    "deported_applied": _("applied to return"),
    "deported_approved": _("return approved"),
    "deported_returned": _("returned"),
    "notice_prepared": _("Members given notice"),
    "notice_reached": _("reached in a language they understand"),
    "notice_not_reached": _("not yet reached"),
    "objections": _("Objections received"),
    "objections_late": _("received after the deadline"),
}
CHART_TITLES = {
    "children": _("Children: age and care"),
    "parents": _("Separated parents: where they are"),
    "interviews": _("Settlement interviews"),
    "deported": _("Deported parents"),
}
FIELD_NAMES = {
    "presence": _("in the registry"),
    "child_band": _("separated child"),
    "separated_parent": _("separated parent"),
    "discharge": _("ORR care"),
    "parent_custody": _("parent's custody"),
    "member_of": _("class membership"),
    "election": _("election"),
    "ineligible": _("red flag"),
    "interview": _("interview"),
    "returns": _("return case"),
    "notice": _("notice"),
    "scope": _("cases"),
    "none": _("no change on record"),
}
