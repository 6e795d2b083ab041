"""Load and validate the claims catalog (claims.toml) and map Gherkin tags to claim ids."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import ConfigurationError

DEFAULT_CATALOG = Path(__file__).with_name("claims.toml")
CLAIM_TAG_PREFIX = "claim:"
CLAIM_ID_PATTERN = re.compile(r"^[A-Z]{3}-[A-Z0-9]+$")
SECTIONS = frozenset({"entities", "capabilities", "limitations", "sync", "security", "filters", "volume", "beyond"})
KINDS = frozenset({"capability", "limitation", "tip", "recommendation", "limit", "beyond-page"})
_STRING_KEYS = ("id", "section", "kind", "title", "text")
_KEYS = frozenset({*_STRING_KEYS, "pending"})


@dataclass(frozen=True)
class Claim:
    """One catalog entry: a stable id, where its scenarios live, what kind of statement it is, and its behaviour."""

    id: str
    section: str
    kind: str
    title: str
    text: str
    pending: bool


def _parse_claim(catalog: Path, index: int, raw: Any) -> Claim:
    """Build a Claim from the raw table at position `index`; raise ConfigurationError on any defect."""
    where = f"claims catalog {catalog}: claim #{index + 1}"
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{where}: expected a [[claim]] table, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"claims catalog {catalog}: claim {raw['id']!r} (#{index + 1})"
    missing = sorted(_KEYS - raw.keys())
    if missing:
        raise ConfigurationError(f"{where}: missing key(s) {', '.join(missing)}")
    unknown = sorted(raw.keys() - _KEYS)
    if unknown:
        raise ConfigurationError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for key in _STRING_KEYS:
        if not isinstance(raw[key], str):
            raise ConfigurationError(f"{where}: {key} must be a string, got {type(raw[key]).__name__}")
    if not isinstance(raw["pending"], bool):
        raise ConfigurationError(f"{where}: pending must be a boolean, got {type(raw['pending']).__name__}")
    claim = Claim(
        id=raw["id"],
        section=raw["section"],
        kind=raw["kind"],
        title=raw["title"].strip(),
        text=raw["text"].strip(),
        pending=raw["pending"],
    )
    if not CLAIM_ID_PATTERN.fullmatch(claim.id):
        raise ConfigurationError(f"{where}: bad id format {claim.id!r} (expected {CLAIM_ID_PATTERN.pattern})")
    if claim.section not in SECTIONS:
        raise ConfigurationError(f"{where}: unknown section {claim.section!r} (allowed: {', '.join(sorted(SECTIONS))})")
    if claim.kind not in KINDS:
        raise ConfigurationError(f"{where}: unknown kind {claim.kind!r} (allowed: {', '.join(sorted(KINDS))})")
    if not claim.title:
        raise ConfigurationError(f"{where}: empty title")
    if not claim.text:
        raise ConfigurationError(f"{where}: empty text")
    return claim


def load_claims(path: Path | None = None) -> dict[str, Claim]:
    """The validated catalog keyed by id, in file order; ConfigurationError if unreadable or invalid."""
    catalog = DEFAULT_CATALOG if path is None else path
    try:
        with catalog.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigurationError(f"claims catalog {catalog}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"claims catalog {catalog}: invalid TOML: {exc}") from exc
    raw_claims = data.get("claim")
    if not isinstance(raw_claims, list) or not raw_claims:
        raise ConfigurationError(f"claims catalog {catalog}: no [[claim]] tables found")
    claims: dict[str, Claim] = {}
    for index, raw in enumerate(raw_claims):
        claim = _parse_claim(catalog, index, raw)
        if claim.id in claims:
            raise ConfigurationError(f"claims catalog {catalog}: claim {claim.id!r} (#{index + 1}): duplicate id")
        claims[claim.id] = claim
    return claims


def claims_in_tags(tags: Iterable[str]) -> set[str]:
    """Return the claim ids named by tags of the form 'claim:ID' or '@claim:ID'; other tags are ignored."""
    found: set[str] = set()
    for tag in tags:
        name = tag.removeprefix("@")
        if name.startswith(CLAIM_TAG_PREFIX):
            claim_id = name[len(CLAIM_TAG_PREFIX) :]
            if claim_id:
                found.add(claim_id)
    return found


def _either(names: list[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def claim_problem(wanted: str, catalog: Mapping[str, Claim]) -> str | None:
    """Why `wanted` selects no scenario (no such claim, other case, pending) in one line, or None if it selects some."""
    if (claim := catalog.get(wanted)) is not None:
        return f"{wanted} is pending: no scenario checks it yet" if claim.pending else None
    if spelled := [claim_id for claim_id in catalog if claim_id.casefold() == wanted.strip().casefold()]:
        return f"{wanted!r} is spelled {spelled[0]}"
    if near := difflib.get_close_matches(wanted.strip().upper(), list(catalog), n=3, cutoff=0.6):
        return f"{wanted!r} is not a claim; did you mean {_either(near)}?"
    return f"{wanted!r} is not a claim; `offline-harness claims` lists them"


def section_problem(wanted: str) -> str | None:
    """Why `wanted` is not a section of the catalog, in one line naming the sections, or None if it is one."""
    if wanted in SECTIONS:
        return None
    near = difflib.get_close_matches(wanted.strip().lower(), sorted(SECTIONS), n=1, cutoff=0.6)
    hint = f"did you mean {near[0]}? " if near else ""
    return f"{wanted!r} is not a section; {hint}the sections are {', '.join(sorted(SECTIONS))}"
