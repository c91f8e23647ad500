"""Evaluation: how well an identification output matches a synthetic world's truth.

``evaluate(out_dir, truth_dir)`` reads the files `identify` wrote and truth/, and
returns an ``EvaluationReport``: record-clustering pairwise precision, recall and
F1; separated-pair precision and recall (confirmed only, and confirmed + review);
the review rate; and the misses grouped by cause. Pure Python: no Django.
"""

from amparo.engines.evaluation.clustering import ClusteringScores
from amparo.engines.evaluation.errors import EvaluationError
from amparo.engines.evaluation.evaluate import evaluate
from amparo.engines.evaluation.pairs import Cause, PairScores
from amparo.engines.evaluation.report import EvaluationReport, RejectionScores, ReviewScores

__all__ = [
    "Cause",
    "ClusteringScores",
    "EvaluationError",
    "EvaluationReport",
    "PairScores",
    "RejectionScores",
    "ReviewScores",
    "evaluate",
]
