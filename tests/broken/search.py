"""Deliberately broken implementations of offline search (CAP-SR1..CAP-SR4)."""

from __future__ import annotations

from harness.driver import RecordRef, Refused, SearchMode
from harness.reference.metadata import EntityMeta
from harness.reference.search import Search
from harness.reference.writes import Session
from tests.broken.swap import Factory, ignoring, swapping


def search_ignoring(claim: str) -> Factory:
    """The reference whose offline search no longer refuses for `claim`."""
    return swapping(search=ignoring(Search, "offline_refusal", claim))


CAP_SR1 = search_ignoring("CAP-SR1")
"""Offline, a search of an entity outside the profile runs (and finds nothing) instead of being refused."""

CAP_SR2 = search_ignoring("CAP-SR2")
"""Offline, one search covers several entities."""


class _QuickFindOnly(Search):
    def columns(self, meta: EntityMeta, online: bool) -> list[str]:
        return [c for c in super().columns(meta, online) if c in meta.quick_find]


CAP_SR1__quick_find_only = swapping(search=_QuickFindOnly)
"""An entity whose quick find was never set is searched in no column (its name is not looked in): it finds nothing."""

CAP_SR3 = search_ignoring("CAP-SR3")
"""Offline, relevance search runs."""


class _DatesSearched(Search):
    def columns(self, meta: EntityMeta, online: bool) -> list[str]:
        return super().columns(meta, online=True)


CAP_SR4 = swapping(search=_DatesSearched)
"""Offline, date columns are searched too."""


class _DatesByName(Search):
    def columns(self, meta: EntityMeta, online: bool) -> list[str]:
        columns = super().columns(meta, online=True)
        return columns if online else [c for c in columns if not c.endswith("date")]


CAP_SR4__date_columns_by_name = swapping(search=_DatesByName)
"""Offline, a column counts as a date when its name ends in "date" (birthdate, estimatedclosedate, ...)."""

STANDARD_DATE_COLUMNS = frozenset(
    {"birthdate", "lastcontacted", "estimatedclosedate", "scheduledstart", "scheduledend"}
)


class _StandardDatesOnly(Search):
    def columns(self, meta: EntityMeta, online: bool) -> list[str]:
        columns = super().columns(meta, online=True)
        return columns if online else [c for c in columns if c not in STANDARD_DATE_COLUMNS]


CAP_SR4__standard_date_columns_only = swapping(search=_StandardDatesOnly)
"""Offline, the date columns of the standard entities are left out of search, a custom date column is not."""


class _BlankTermFindsAll(Search):
    def find(self, session: Session, entities: list[str], text: str, mode: SearchMode) -> list[RecordRef] | Refused:
        return super().find(session, entities, text if text.strip() else "a", mode)


REL_BAD__blank_search_term = swapping(search=_BlankTermFindsAll)
"""A blank search term is not refused: it searches as if a term had been given."""
