"""Search over each entity's quick-find columns.

Online: categorized or relevance search of any entities the user can read. Offline: categorized search only
(CAP-SR3), of exactly one entity (CAP-SR2) that is on the device (CAP-SR1), never in date columns (CAP-SR4).
A record matches when a searched text column contains the term, ignoring case.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.driver import RecordRef, Refused, SearchMode
from harness.reference.metadata import EntityMeta, Metadata
from harness.reference.writes import Session

SEARCH_MODES = ("categorized", "relevance")


@dataclass
class Search:
    """Quick-find columns live on the entities' metadata; this concept searches them."""

    metadata: Metadata

    def set_columns(self, entity: str, columns: list[str]) -> str | None:
        """Set the quick-find columns of `entity`; returns why not or None."""
        meta = self.metadata.entities.get(entity)
        if meta is None:
            return f"unknown entity {entity!r}"
        if unknown := [c for c in columns if c not in meta.attributes]:
            return f"{entity} has no columns {unknown}"
        meta.quick_find = list(dict.fromkeys(columns))
        return None

    def columns(self, meta: EntityMeta, online: bool) -> list[str]:
        """The columns searched: the quick-find ones (else the primary name); offline no date columns (CAP-SR4)."""
        primary = meta.primary_name()
        columns = meta.quick_find or ([primary] if primary != "id" else [])
        return columns if online else [c for c in columns if meta.attributes[c].type != "datetime"]

    def fields(self, session: Session, entity: str) -> list[str] | Refused:
        """The columns a search of `entity` looks in here."""
        if refusal := session.unavailable(entity, "CAP-SR1", f"searching {entity}"):
            return refusal
        return self.columns(self.metadata.entities[entity], session.online)

    def find(self, session: Session, entities: list[str], text: str, mode: SearchMode) -> list[RecordRef] | Refused:
        """The records whose searched columns contain `text`, entity by entity, ordered by id."""
        if not isinstance(text, str) or not text.strip() or mode not in SEARCH_MODES:
            return Refused("REL-BAD", f"a search needs a term and a mode {SEARCH_MODES}, not {text!r} and {mode!r}")
        if unknown := [e for e in entities if e not in self.metadata.entities]:
            return Refused("REL-BAD", f"search of unknown entities {unknown}")
        if not session.online and (refusal := self.offline_refusal(session, entities, mode)):
            return refusal
        if not entities:
            return Refused("REL-BAD", "a search names at least one entity")
        term, found = text.strip().lower(), []
        for entity in entities:
            columns = self.columns(self.metadata.entities[entity], session.online)
            for record in session.records(entity):
                values = [record.get(column) for column in columns]
                if any(isinstance(v, str) and term in v.lower() for v in values):
                    found.append(RecordRef(entity, str(record["id"])))
        return found

    def offline_refusal(self, session: Session, entities: list[str], mode: SearchMode) -> Refused | None:
        """Offline: categorized only (CAP-SR3), one entity (CAP-SR2), on the device (CAP-SR1)."""
        if mode != "categorized":
            return Refused("CAP-SR3", f"{mode} search is not available offline: use categorized search")
        if len(entities) != 1:
            named = ", ".join(entities) or "no entity"
            return Refused("CAP-SR2", f"an offline search covers exactly one entity, not {named}", limit="one entity")
        return session.unavailable(entities[0], "CAP-SR1", f"searching {entities[0]} offline")
