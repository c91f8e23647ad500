"""Splink as it comes out of the box: the comparison a careful newcomer would set up.

Names and date of birth with the comparison library's defaults, the usual
pairwise blocking, unsupervised training, clustering at one threshold; none of
Amparo's standardisation (no nicknames, no surname sets, no Spanish phonetics,
no A-numbers). Names are the extracts engine's generic keys (upper case, accents
and punctuation dropped), which any ingest would give. The unit-id rule then
finds the separations on its clusters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from amparo.engines.identify.baselines.result import Linked, run_baseline
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.linkage.types import RecordIn, RecordKey

__all__ = ["GenericSplinkConfig", "generic_splink_identify", "generic_splink_person_of"]


@dataclass(frozen=True, slots=True)
class GenericSplinkConfig:
    seed: int = 2018
    match_probability: float = 0.95  # pairs at or above it are linked, then clustered
    u_max_pairs: float = 1e6
    # EM blocked on date of birth compares ~30 million pairs in a 100,000-family
    # world; Splink 5's max_pairs samples them down.
    em_max_pairs: float = 2e6
    prior_recall: float = 0.7  # assumed recall of the exact name + dob rule


def _columns(records: Sequence[RecordIn]) -> dict[str, list[object]]:
    return {
        "unique_id": list(range(len(records))),
        "given_name": [record.fields.get("given_names_key") for record in records],
        "surname": [record.fields.get("surnames_key") for record in records],
        "dob": [record.fields.get("dob") for record in records],
    }


def generic_splink_person_of(records: Sequence[RecordIn], config: GenericSplinkConfig) -> Linked:
    """Person keys from Splink's clusters, and the trained model."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "dob"),
            block_on("surname", "dob"),
            block_on("given_name", "surname"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(_columns(records)), settings, log_level=None)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "dob")], recall=config.prior_recall
    )
    training.estimate_u_using_random_sampling(max_pairs=config.u_max_pairs, seed=config.seed)
    # The two EM sessions of Splink's tutorials: names trained on pairs agreeing on
    # date of birth, date of birth on pairs agreeing on both names.
    for rule in (block_on("dob"), block_on("given_name", "surname")):
        training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=config.em_max_pairs
        )
    predictions = linker.inference.predict(threshold_match_probability=config.match_probability)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=config.match_probability
    )
    table = clusters.as_dict()
    person_of: dict[RecordKey, str] = {
        records[int(index)].key: f"S{cluster}"
        for index, cluster in zip(table["unique_id"], table["cluster_id"], strict=True)
    }
    return person_of, linker.misc.save_model_to_json()


def generic_splink_identify(
    records: Sequence[RecordIn], config: GenericSplinkConfig | None = None
) -> IdentifyResult:
    chosen = config or GenericSplinkConfig()
    return run_baseline(
        "generic-splink",
        records,
        lambda rows: generic_splink_person_of(rows, chosen),
        {"baseline": "generic-splink", **dataclasses.asdict(chosen)},
    )
