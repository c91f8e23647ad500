"""Pages of long lists whose total is kept for a short while.

Django's Paginator counts the whole list on every page view. On a list of 100,000
people or a case's 60,000 eligibility answers that count was most of the page's time
under load (50-200 ms on PostgreSQL, more on SQLite; bench/load.py), while the rows
themselves come from an index in a millisecond. The total is kept per query (its SQL
with the values, so each user's scope and filters have their own) and per newest row
of its table (an import or a recompute adds rows, so its lists count again at once), for
COUNT_SECONDS: a change that adds no row may show in the total that much later; the
rows themselves are always current.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet

COUNT_SECONDS = 60


class KeptCountPaginator(Paginator[Any]):
    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        query = self.object_list.query
        try:
            sql = str(query)
        except EmptyResultSet:  # a list that cannot hold anything
            return 0
        newest = self.object_list.model._default_manager.aggregate(newest=Max("pk"))["newest"]
        key = "page-count:" + hashlib.sha256(f"{sql}|{newest}".encode()).hexdigest()
        kept = cache.get(key)
        if isinstance(kept, int):
            return kept
        counted: int = self.object_list.count()
        cache.set(key, counted, COUNT_SECONDS)
        return counted
