"""Writing tables for people to open in spreadsheets, safely."""

from amparo.engines.exports.csv_safe import neutralise_formula, write_safe_csv

__all__ = ["neutralise_formula", "write_safe_csv"]
