"""Consistency: the differences between a parent's first credible fear interview and the
new one, each with a stable id for the officer's due-consideration assessment, and the
circumstances of the first interview computed from data. Pure Python; the app supplies
the interviews and keeps the assessments.
"""

from amparo.engines.consistency.compare import (
    ConsistencyResult,
    FirstInterviewContext,
    Inconsistency,
    Kind,
    Severity,
    Topic,
    compare,
    first_interview_context,
)
from amparo.engines.consistency.config import (
    CONSISTENCY_VERSION,
    DEFAULT_CONFIG,
    ConsistencyConfig,
    ConsistencyError,
)
from amparo.engines.consistency.gate import SubmissionCheck, negative_determination_check
from amparo.engines.consistency.normalise import language as canonical_language
from amparo.engines.consistency.records import (
    ApproxDate,
    DatePrecision,
    Harm,
    HarmType,
    Interview,
    PerpetratorCategory,
    ProtectedGround,
    Separation,
)

__all__ = [
    "CONSISTENCY_VERSION",
    "DEFAULT_CONFIG",
    "ApproxDate",
    "ConsistencyConfig",
    "ConsistencyError",
    "ConsistencyResult",
    "DatePrecision",
    "FirstInterviewContext",
    "Harm",
    "HarmType",
    "Inconsistency",
    "Interview",
    "Kind",
    "PerpetratorCategory",
    "ProtectedGround",
    "Separation",
    "Severity",
    "SubmissionCheck",
    "Topic",
    "canonical_language",
    "compare",
    "first_interview_context",
    "negative_determination_check",
]
