"""Baselines that identification is measured against (bench/identify_quality.py).

``naive_identify``: what an agency could do with its own data (identical A-numbers,
family unit ids). ``generic_splink_identify``: Splink with out-of-the-box settings.
Both find separations with the same unit-id rule and return an IdentifyResult, so
they are written and evaluated exactly like Amparo's output.
"""

from amparo.engines.identify.baselines.generic_splink import (
    GenericSplinkConfig,
    generic_splink_identify,
)
from amparo.engines.identify.baselines.naive import naive_identify
from amparo.engines.identify.baselines.unit_rule import BaselineSeparation, unit_rule_separations

__all__ = [
    "BaselineSeparation",
    "GenericSplinkConfig",
    "generic_splink_identify",
    "naive_identify",
    "unit_rule_separations",
]
