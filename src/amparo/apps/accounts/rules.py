# Loaded by rules' autodiscovery; the predicates live in roles.py.
from amparo.apps.accounts import roles  # noqa: F401
