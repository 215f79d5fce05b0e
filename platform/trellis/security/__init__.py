"""Security: organization (departments), API tokens, app roles with row scopes and field
permissions (enforced in the record service), and the tamper-evident audit log."""
