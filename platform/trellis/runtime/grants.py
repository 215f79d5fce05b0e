"""What an actor may do on a form: the Access built from the app's published roles the
actor holds, with the `$user.*` variables of row scopes (department tree, subordinates,
…) kept for `ttl` seconds and the sampled share of rows a scope holds kept for a minute
(the list's counting strategy reads it). An actor's Access on a form (its row scopes
compiled, the statements the guarded query keeps on it) serves their next requests while
the form model, the app's published roles and the `$user` context are the same objects."""
from __future__ import annotations

import time

from ..kernel.actor import Actor
from ..security.access import Access
from ..security.roles import fab_role_name


class Grants:
    def __init__(self, engine, published, ttl: float):
        self.engine = engine
        self.published = published
        self.ttl = ttl
        self._contexts: dict[int, tuple[float, dict]] = {}
        self._shares: dict[tuple, tuple[float, float]] = {}
        # (app, form, user, roles) -> (form model, roles, $user context, Access): an actor's
        # Access (its compiled row scopes) serves their next requests while all three are current
        self._accesses: dict[tuple, tuple] = {}

    def user_context(self, user_id: int) -> dict:
        """The `$user.*` variables of row scopes (an org change shows within `ttl`)."""
        from ..security.org import user_context

        now = time.monotonic()
        hit = self._contexts.get(user_id)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        with self.engine.connect() as conn:
            ctx = user_context(conn, user_id)
        if len(self._contexts) > 10000:  # bounded like the other caches here
            self._contexts.clear()
        self._contexts[user_id] = (now, ctx)
        return ctx

    def scope_rows(self, form, access: Access, action: str, where: list) -> int:
        """How many of `form`'s rows a row scope holds (`where`: the guarded query's live
        rows in that scope), sampled and kept for a minute."""
        from ..records.counting import estimate

        key = (form.app, form.id, form.version, action, tuple(r for r, _ in access.grants or ()),
               repr(sorted(access.user.items())))
        now = time.monotonic()
        hit = self._shares.get(key)
        if hit is not None and now - hit[0] < 60:
            return hit[1]
        with self.engine.connect() as conn:
            p = estimate(conn, form.table, where)
        if len(self._shares) > 10000:
            self._shares.clear()
        self._shares[key] = (now, p)
        return p

    def access(self, actor: Actor | None, form, roles: dict | None = None) -> Access:
        """What `actor` may do on `form`; admins and the system are unrestricted. `roles`:
        the role definitions by id to read instead of the app's published ones (a role's
        draft, viewed as a user holding it would see the app)."""
        if actor is None or actor.is_admin:
            return Access.full(form)
        if roles is None:  # the published roles: the Access is kept while they, the form and the context are
            published = self.published.roles_of(form.app)
            key = (form.app, form.id, actor.id, actor.roles)
            hit = self._accesses.get(key)
            if hit is not None and hit[0] is form and hit[1] is published:
                access = hit[3]
                if not access.grants or actor.id is None or self.user_context(actor.id) is hit[2]:
                    return access
            access = self._access(actor, form, published)
            if len(self._accesses) > 10000:
                self._accesses.clear()
            self._accesses[key] = (form, published, access.user, access)
            return access
        return self._access(actor, form, roles)

    def _access(self, actor: Actor, form, roles: dict) -> Access:
        held = set(actor.roles)
        grants = []
        for rid, role in roles.items():
            if fab_role_name(form.app, rid) not in held:
                continue
            grant = (role.get("forms") or {}).get(form.id) or role.get("all_forms")
            if grant:
                grants.append((rid, grant))
        user = self.user_context(actor.id) if grants and actor.id is not None else {}
        return Access(form, grants, user, forms=lambda target: self.published.form(form.app, target))
