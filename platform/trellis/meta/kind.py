"""The contract of a kind of definition (app, form, view, role; automations, flows, reports
and dashboards next). A kind declares its meta-schema, its publish hook (check, and apply
what publishing changes), who may edit it and, optionally, what publishing would change;
the definition store and the one definitions API (api/definition_kinds.py) give every
registered kind drafts, publishing, versions, restore, export and a listing.

A kind is an instance registered in the runtime's `DefinitionKinds` under `key`, the name
that also stands in stored rows, in URLs and in `metadata/<key>.schema.json`."""
from __future__ import annotations

from functools import cached_property

from ..kernel.errors import DefinitionInvalid, Forbidden
from . import schemas


class DefinitionKind:
    key: str = ""
    # how messages name the kind (zh, en)
    label: tuple[str, str] = ("定义", "definition")
    # an inline meta-schema (it may $ref the files in metadata/); None: metadata/<key>.schema.json
    schema: dict | None = None
    # may a definition of this kind be deleted (a form's table is never dropped that way)
    removable: bool = True

    @cached_property
    def validator(self):
        return schemas.validator(self.key) if self.schema is None else schemas.inline_validator(self.schema)

    def meta_schema(self) -> dict:
        return schemas.meta_schema(self.key) if self.schema is None else self.schema

    def problems(self, body, field_types) -> list[dict]:
        """Problems of `body` against the meta-schema, each with its JSON pointer."""
        return schemas.problems_of(self.validator, body)

    def check(self, body, field_types=None) -> None:
        """Raise DefinitionInvalid listing every problem of a draft (a 422 naming each path)."""
        problems = self.problems(body, field_types)
        if problems:
            raise DefinitionInvalid(problems)

    def publish(self, conn, app: str, body: dict, previous: dict | None, store) -> dict | None:
        """Check the draft against the rest of the app and apply it, inside the publish's
        transaction; return the body to store (None: as given). Raising refuses the publish."""
        return body

    def may_edit(self, rt, who, app: str, key: str, body: dict | None, existing: dict | None) -> None:
        """Raise Forbidden unless `who` may read the draft and history of the definition and
        save `body` over `existing` (the published version, else the draft; None when new).
        By default only administrators edit definitions."""
        if not who.is_admin:
            zh, en = self.label
            raise Forbidden(f"只有系统管理员可以编辑{zh}", f"only administrators edit {en} definitions")

    def may_list(self, rt, who, app: str, key: str, body: dict) -> bool:
        """Is the definition (`body`: published, else the draft) listed for `who` (the
        kind's list endpoint)? By default: when `who` may edit it."""
        try:
            self.may_edit(rt, who, app, key, None, body)
        except Forbidden:
            return False
        return True

    def prepare(self, rt, who, app: str, key: str, body, existing: dict | None):
        """The body to save for `who` (a kind fills in what the server decides, e.g. a
        personal view's owner). By default as sent."""
        return body

    def impact(self, rt, app: str, key: str, draft: dict, previous: dict | None) -> dict | None:
        """What publishing `draft` over `previous` would change or refuse (nothing written);
        None when the kind has no such preview."""
        return None

    @property
    def has_impact(self) -> bool:
        return type(self).impact is not DefinitionKind.impact
