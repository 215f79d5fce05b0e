"""The core's definition kinds (app, form, view, role, decision, public link), registered through the same call a
plugin's install step uses for its own: `runtime.definition_kinds.add(kind)`."""
from __future__ import annotations

from ..forms.decision_kind import DecisionKind
from ..forms.form_kind import FormKind
from ..meta.app_kind import AppKind
from ..meta.kinds import DefinitionKinds
from ..records.public_link_kind import PublicLinkKind
from ..records.view_kind import ViewKind
from ..security.role_kind import RoleKind


def register_core_kinds(kinds: DefinitionKinds) -> DefinitionKinds:
    for kind in (AppKind(), FormKind(), ViewKind(), RoleKind(), DecisionKind(), PublicLinkKind()):
        kinds.add(kind)
    return kinds
