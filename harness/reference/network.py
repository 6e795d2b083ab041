"""The simulated network: a cycle's duration from its round trips and the bytes it moves."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from harness.driver import Fields, NetworkConditions

WIFI = NetworkConditions(latency_ms=30.0, bandwidth_kbps=50_000.0)
HANDSHAKE_BYTES = 200
"""Each way, the cycle's opening exchange: the device's tokens out, the server's time and versions back."""
UPLOAD_BATCH = 50
CHANGE_OVERHEAD_BYTES = 80
ACK_BYTES = 40
DOWNLOAD_PAGE = 500
PAGE_REQUEST_BYTES = 120
RECORD_OVERHEAD_BYTES = 60
REMOVAL_BYTES = 48
PRIVILEGES_BYTES = 2_000
METADATA_BYTES_PER_ENTITY = 60_000
"""An entity's metadata (columns, forms, views, rules): the same for every entity, so the cost counts entities."""


_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))


def record_bytes(record: Fields) -> int:
    """The wire size of a record: its compact JSON plus an envelope (entity, version)."""
    return len(_COMPACT_JSON.encode(record)) + RECORD_OVERHEAD_BYTES


@dataclass
class Transfer:
    """What one cycle sent and received."""

    round_trips: int = 0
    bytes_up: int = 0
    bytes_down: int = 0

    def request(self, up: int = 0, down: int = 0) -> None:
        """Account one round trip carrying `up` bytes to the server and `down` bytes back."""
        self.round_trips += 1
        self.bytes_up += up
        self.bytes_down += down

    def duration(self, link: NetworkConditions) -> float:
        """Seconds the transfer takes on `link`: latency per round trip plus bytes over bandwidth."""
        bits = 8 * (self.bytes_up + self.bytes_down)
        return self.round_trips * link.latency_ms / 1000 + bits / (link.bandwidth_kbps * 1000)


def _column_bytes(column: str, value: object) -> int:
    return len(_COMPACT_JSON.encode(column)) + 1 + len(_COMPACT_JSON.encode(value))


class WireSizes:
    """The wire size of each record as the server last wrote it, worked out once (records many devices share) and
    kept current through rewrites by encoding only the columns a rewrite touched."""

    def __init__(self) -> None:
        self.sizes: dict[str, dict[str, tuple[int, int]]] = {}

    def of_entity(self, entity: str) -> dict[str, tuple[int, int]]:
        """The sizes known for `entity`'s records: id -> (version, `record_bytes` of the record at that version)."""
        return self.sizes.setdefault(entity, {})

    def rewritten(self, entity: str, old: Fields, new: Fields, columns: Iterable[str], before: int, after: int) -> None:
        """The record `old` at version `before` became `new` at version `after`, differing at most in `columns`: a
        size known for `before` moves on to `after` (any other size known for the record is dropped)."""
        known = self.sizes.get(entity)
        record_id = str(new["id"])
        size = known.get(record_id) if known else None
        if known is None or size is None:
            return
        if size[0] != before:
            del known[record_id]
            return
        grown = max(len(new) - 1, 0) - max(len(old) - 1, 0)
        for column in set(columns):
            if column in old:
                grown -= _column_bytes(column, old[column])
            if column in new:
                grown += _column_bytes(column, new[column])
        known[record_id] = (after, size[1] + grown)
