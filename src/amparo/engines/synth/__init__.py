"""Synthetic worlds for Amparo: agency extracts that behave like the 2017-2018 records,
with the ground truth a real world never gives.

A world is a pure function of (families, seed, proportions): families cross the border,
some are separated, and CBP, ICE, ORR and USCIS each write down what they saw, with the
name, date, code and A-number troubles of DOMAIN.md section 6 and a few rows broken on
purpose. The output follows shared/spec/EXTRACTS.md.
"""

from amparo.engines.synth.config import SynthConfig, SynthError
from amparo.engines.synth.world import World, generate_world
from amparo.engines.synth.writer import WorldSummary, synth_to_dir, write_world

__all__ = [
    "SynthConfig",
    "SynthError",
    "World",
    "WorldSummary",
    "generate_world",
    "synth_to_dir",
    "write_world",
]
