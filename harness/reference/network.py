"""The simulated network: a cycle's duration from its round trips and the bytes it moves."""

from __future__ import annotations

import json
from dataclasses import dataclass

from harness.driver import Fields, NetworkConditions

WIFI = NetworkConditions(latency_ms=30.0, bandwidth_kbps=50_000.0)
UPLOAD_BATCH = 50
DOWNLOAD_PAGE = 500
METADATA_BYTES_PER_ENTITY = 60_000
METADATA_BYTES_PER_COLUMN = 800


def record_bytes(record: Fields) -> int:
    """The wire size of a record."""
    return len(json.dumps(record, separators=(",", ":")))


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
