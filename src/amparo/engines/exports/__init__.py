"""Writing tables for people to open in spreadsheets, safely."""

from amparo.engines.exports.csv_safe import neutralise_formula, write_safe_csv
from amparo.engines.exports.xlsx_safe import write_safe_xlsx

__all__ = ["neutralise_formula", "write_safe_csv", "write_safe_xlsx"]
