"""The claim x implementation matrix from saved run records: which claim holds for which implementation."""

from __future__ import annotations

from dataclasses import dataclass

from harness.claims import Claim
from harness.report.ledger import Ledger, environment
from harness.report.record import RunRecord
from harness.report.status import CLAIM_VERDICTS, ClaimVerdict


@dataclass(frozen=True)
class Matrix:
    """Claims as rows, runs as columns, each cell the claim's verdict in that run."""

    columns: list[str]
    records: list[RunRecord]
    claims: list[Claim]
    cells: dict[str, list[ClaimVerdict | None]]
    """Claim id -> its verdict in each run (None: the claim is not in that run's catalog)."""

    def differs(self, claim_id: str) -> bool:
        """Whether the runs disagree on this claim."""
        return len({cell.name if cell else None for cell in self.cells[claim_id]}) > 1

    def totals(self) -> list[tuple[ClaimVerdict, list[int]]]:
        """Claims by verdict in each run; each column adds up to that run's catalog."""
        return [
            (
                verdict,
                [sum(1 for cells in self.cells.values() if cells[i] is verdict) for i in range(len(self.columns))],
            )
            for verdict in CLAIM_VERDICTS.values()
        ]


def matrix(records: list[RunRecord]) -> Matrix:
    """Compare `records`: every claim of any of their catalogs, in first-seen order."""
    claims: dict[str, Claim] = {}
    verdicts: list[dict[str, ClaimVerdict]] = []
    for record in records:
        rows = Ledger(record).claims
        verdicts.append({row.claim.id: row.verdict for row in rows})
        for row in rows:
            claims.setdefault(row.claim.id, row.claim)
    cells = {claim_id: [found.get(claim_id) for found in verdicts] for claim_id in claims}
    return Matrix(_columns(records), records, list(claims.values()), cells)


def _columns(records: list[RunRecord]) -> list[str]:
    """'name version' of each run's implementation, numbered where two runs would read the same."""
    names = [f"{r.run.implementation.name} {r.run.implementation.version}" for r in records]
    return [f"{name} (#{i + 1})" if names.count(name) > 1 else name for i, name in enumerate(names)]


def render_text(table: Matrix) -> str:
    """The matrix as a plain-text table, claims that differ marked with '*', totals last."""
    width = max(14, *(len(column) for column in table.columns)) + 2
    first = max(len(verdict.label) for verdict in CLAIM_VERDICTS.values()) + 2
    lines = [f"{'':2}{'claim':<{first}}" + "".join(f"{column:<{width}}" for column in table.columns).rstrip()]
    for claim in table.claims:
        mark = "* " if table.differs(claim.id) else "  "
        cells = "".join(f"{(cell.label if cell else 'not in catalog'):<{width}}" for cell in table.cells[claim.id])
        lines.append(f"{mark}{claim.id:<{first}}{cells}".rstrip())
    for verdict, counts in table.totals():
        if any(counts):
            lines.append(f"{'':2}{verdict.label:<{first}}" + "".join(f"{count:<{width}}" for count in counts).rstrip())
    differing = sum(table.differs(claim.id) for claim in table.claims)
    lines.append(f"{len(table.claims)} claims, {len(table.columns)} runs; {differing} claims differ (*)")
    return "\n".join(lines) + "\n"


def render_html(table: Matrix) -> str:
    """The matrix as one self-contained page of the reviewers' report."""
    return environment(True).get_template("compare.html.j2").render(table=table)
