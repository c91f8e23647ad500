"""Filters that turn the engines' codes into words in the reader's language: the
codes stay stable in the log and the database; people read these."""

from __future__ import annotations

from django import template

from amparo.apps.interviews.labels import (
    flag_label,
    grounds_label,
    inconsistency_kind_label,
    missing_label,
    refusal_reason_label,
    severity_label,
    state_label,
    topic_label,
)

register = template.Library()

register.filter("state_label", state_label)
register.filter("inconsistency_kind", inconsistency_kind_label)
register.filter("topic_label", topic_label)
register.filter("severity_label", severity_label)
register.filter("refusal_reason", refusal_reason_label)
register.filter("flag_label", flag_label)
register.filter("missing_label", missing_label)
register.filter("grounds_label", grounds_label)
