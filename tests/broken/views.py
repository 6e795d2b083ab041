"""Deliberately broken implementations of views offline (CAP-VW, LIM-VW1, LIM-VW2, SYN-VW)."""

from __future__ import annotations

from harness.driver import ViewDefinition
from harness.reference.views import Views
from harness.reference.writes import Session
from tests.broken.swap import Factory, ignoring, swapping


def views_ignoring(claim: str) -> Factory:
    """The reference whose views no longer refuse for `claim` offline."""
    return swapping(views=ignoring(Views, "refusal", claim))


CAP_VW = views_ignoring("CAP-VW")
"""Offline, personal views are listed and open."""

LIM_VW1 = views_ignoring("LIM-VW1")
"""Offline, the nine activity types keep their views."""

LIM_VW2 = views_ignoring("LIM-VW2")
"""Offline, views that link entities outside the profile still work."""


class _LinksCheckedAgainstTheTable(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        return sorted({link.entity for link in view.linked if session.row(link.entity) is None})


SYN_VW = swapping(views=_LinksCheckedAgainstTheTable)
"""A view counts as offline if its linked entities could be offline, whether or not the profile holds them."""
