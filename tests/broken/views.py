"""Deliberately broken implementations of views offline (CAP-VW, LIM-VW1, LIM-VW2, SYN-VW)."""

from __future__ import annotations

from harness.driver import ViewDefinition
from harness.reference.session import Session
from harness.reference.views import Views
from tests.broken.swap import ignoring, swapping


def views_ignoring(claim: str) -> type:
    """The reference whose views no longer refuse for `claim` offline."""
    broken = ignoring(Views, "refusal", claim)
    return swapping("views", lambda impl: broken(impl.metadata, impl.security, impl.flows))


CAP_VW = views_ignoring("CAP-VW")
"""Offline, personal views are listed and open."""

LIM_VW1 = views_ignoring("LIM-VW1")
"""Offline, the nine activity types keep their views."""

LIM_VW2 = views_ignoring("LIM-VW2")
"""Offline, views that link entities outside the profile still work."""


class _LinksCheckedAgainstTheTable(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        table, entities = session.device.table, self.metadata.entities
        return sorted(
            {link.entity for link in view.linked if table.row(link.entity, entities[link.entity].custom) is None}
        )


SYN_VW = swapping("views", lambda impl: _LinksCheckedAgainstTheTable(impl.metadata, impl.security, impl.flows))
"""A view counts as offline if its linked entities could be offline, whether or not the profile holds them."""
