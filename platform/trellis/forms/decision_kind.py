"""The `decision` kind of definition (metadata/decision.schema.json): a DMN-style decision
table that formula fields, flows and the evaluate endpoint call (logic/decision/). A
draft is checked against the meta-schema only, so a grid can be saved half typed;
publishing runs `check_decision` and is refused (422) with every error, each naming its
rule and input: unreadable cells, type mismatches, overlapping rules under `unique`,
shadowed rules under `first`, inputs no rule covers under `unique` without a default.
The publish preview (`publish/preview`) lists errors and warnings without publishing."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid
from ..logic.decision import check_decision
from ..meta.kind import DefinitionKind


class DecisionKind(DefinitionKind):
    key = "decision"
    label = ("决策表", "decision table")

    def publish(self, conn, app, body, previous, store):
        errors = [p for p in check_decision(body) if p["severity"] == "error"]
        if errors:
            raise DefinitionInvalid(errors)
        return body

    def impact(self, rt, app, key, draft, previous):
        """{"problems": every error and warning, "publishable": no errors}."""
        problems = check_decision(draft)
        return {"problems": problems, "publishable": not any(p["severity"] == "error" for p in problems)}
