"""Deliberately broken implementations of views offline (CAP-VW, LIM-VW1, LIM-VW2, SYN-VW)."""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.driver import Fields, LinkedColumn, Refused, Value, ViewDefinition, ViewInfo
from harness.reference.metadata import ACTIVITY_TYPES
from harness.reference.sync import LAST_CYCLE
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


class _ViewsOfTheLastSync(Views):
    def rows(self, session: Session, entity: str, name: str) -> list[Fields] | Refused:
        rows = super().rows(session, entity, name)
        if session.online or isinstance(rows, Refused):
            return rows
        return [row for row in rows if session.device.store.version(entity, str(row["id"]))]


CAP_VW__rows_of_the_last_sync = swapping(views=_ViewsOfTheLastSync)
"""Offline, a view lists the records as of the last sync: those made offline are missing."""


def gone_until_the_next_sync(claim: str) -> type[Views]:
    """Views whose view an offline refusal for `claim` dropped from the device, back online too, until its next sync."""

    @dataclass
    class Gone(Views):
        gone: dict[tuple[str, str], float | None] = field(default_factory=dict)

        def refusal(self, session: Session, view: ViewDefinition) -> Refused | None:
            refusal, key = super().refusal(session, view), (session.user, view.name)
            last_cycle = session.device.store.meta(LAST_CYCLE)
            if refusal is not None and refusal.claim == claim:
                self.gone[key] = last_cycle
            elif key in self.gone and self.gone[key] == last_cycle:
                return Refused(claim, f"the view {view.name!r} left this device until its next sync", view.entity)
            return refusal

    return Gone


CAP_VW__personal_views_gone_until_sync = swapping(views=gone_until_the_next_sync("CAP-VW"))
"""Offline, personal views leave the device's list of views, and only the next sync brings them back."""


class _EveryActivityViewless(Views):
    def refusal(self, session: Session, view: ViewDefinition) -> Refused | None:
        if not session.online and (view.entity in ACTIVITY_TYPES or view.entity == "activitypointer"):
            return Refused("LIM-VW1", f"{view.entity} is an activity: no views offline", view.entity)
        return super().refusal(session, view)


LIM_VW1__every_activity_viewless = swapping(views=_EveryActivityViewless)
"""Offline, every activity type loses its views, appointment, phone call and Activity Pointer too."""


LIM_VW1__views_gone_until_sync = swapping(views=gone_until_the_next_sync("LIM-VW1"))
"""Offline, the nine's views leave the device's list of views, and only the next sync brings them back."""


class _FirstLinkOnly(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        return sorted({link.entity for link in view.linked[:1]} - session.offline_entities())


LIM_VW2__first_link_only = swapping(views=_FirstLinkOnly)
"""Offline, a view is judged by its first linked column only."""


class _OneOfflineLinkEnough(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        outside = super().outside_profile(session, view)
        return outside if len(outside) == len({link.entity for link in view.linked}) else []


LIM_VW2__one_offline_link_enough = swapping(views=_OneOfflineLinkEnough)
"""Offline, a view works as soon as one of the entities it links is in the profile."""


class _PersonalViewsAsSystem(Views):
    def listing(self, session: Session, entity: str) -> list[ViewInfo] | Refused:
        listed = super().listing(session, entity)
        return [ViewInfo(v.name, "system") for v in listed] if isinstance(listed, list) else listed


CAP_VW__every_view_called_system = swapping(views=_PersonalViewsAsSystem)
"""Views are listed with the wrong kind: every view, quick or personal, is called a system view."""


class _ViewsOfAnyEntity(Views):
    def refusal(self, session: Session, view: ViewDefinition) -> Refused | None:
        found = super().refusal(session, view)
        return None if found is not None and found.claim == "CAP-VW" and view.kind != "personal" else found


CAP_VW__views_of_entities_off_the_device = swapping(views=_ViewsOfAnyEntity)
"""Offline, a system view of an entity the profile leaves out is listed and opens (with no rows)."""


class _AnyLinkGoes(Views):
    def _check_link(self, definition: ViewDefinition, linked: LinkedColumn) -> str | None:
        return None


REL_BAD__views_linked_any_way = swapping(views=_AnyLinkGoes)
"""A view's linked column is taken as given: through a column that is no lookup, or to a column that does not exist."""


class _LinkedFromTheServer(Views):
    def _linked(self, session: Session, record: Fields, linked: LinkedColumn) -> Value:
        target = record.get(linked.via)
        found = session.path.server.get(linked.entity, str(target["id"])) if isinstance(target, dict) else None
        return found.get(linked.column) if found else None


SEC_4__linked_columns_read_past_security = swapping(views=_LinkedFromTheServer)
"""A view's linked column is read from the server's record, whether or not the user may read it."""
