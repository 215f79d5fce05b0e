"""The platform's own tables (SQLAlchemy Core), managed by Alembic migrations.

Form tables are not here: each published form is materialized by `trellis.forms.sync`.
FAB's security tables (ab_user, ab_role, ...) are created by Flask-AppBuilder.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

definition = sa.Table(
    "trellis_definition", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("draft", sa.JSON, nullable=False),
    sa.Column("draft_updated_at", sa.DateTime, nullable=False),
    sa.Column("draft_updated_by", sa.Integer),
    sa.Column("published_version", sa.Integer),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("app", "kind", "key", name="uq_trellis_definition_key"),
)

definition_version = sa.Table(
    "trellis_definition_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("definition_id", sa.Integer, sa.ForeignKey("trellis_definition.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("published_at", sa.DateTime, nullable=False),
    sa.Column("published_by", sa.Integer),
    sa.Column("note", sa.String(500)),
    sa.UniqueConstraint("definition_id", "version", name="uq_trellis_definition_version"),
)

sequence = sa.Table(
    "trellis_sequence", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

state = sa.Table(
    "trellis_state", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

# -- security: organization, API tokens, audit log --------------------------------------

department = sa.Table(
    "trellis_department", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("trellis_department.id"), index=True),
    sa.Column("code", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("name_en", sa.String(100)),
    sa.Column("manager_id", sa.Integer),
    sa.Column("sort", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

user_department = sa.Table(
    "trellis_user_department", metadata,
    sa.Column("user_id", sa.Integer, primary_key=True),
    sa.Column("department_id", sa.Integer, sa.ForeignKey("trellis_department.id"), primary_key=True),
    sa.Column("is_primary", sa.Boolean, nullable=False, server_default=sa.false()),
)

api_token = sa.Table(
    "trellis_api_token", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, nullable=False, index=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("apps", sa.JSON),
    sa.Column("expires_at", sa.DateTime),
    sa.Column("revoked_at", sa.DateTime),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_used_at", sa.DateTime),
)

user_settings = sa.Table(  # a user's own settings: language, a password to change at next sign-in
    "trellis_user_settings", metadata,
    sa.Column("user_id", sa.Integer, primary_key=True),
    sa.Column("language", sa.String(8)),
    sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

audit = sa.Table(
    "trellis_audit", metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("user_id", sa.Integer),
    sa.Column("username", sa.String(100)),
    sa.Column("ip", sa.String(64)),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("app", sa.String(64)),
    sa.Column("target", sa.String(64)),
    sa.Column("record_id", sa.BigInteger),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("note", sa.String(500)),
    sa.Column("cause", sa.JSON),  # the write's cause chain when not the user's own (kernel/cause.py)
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Index("ix_trellis_audit_record", "app", "target", "record_id"),
    sa.Index("ix_trellis_audit_note", "note"),
    sa.Index("ix_trellis_audit_user", "user_id", "id"),
)

# -- imports: batches (one per run, with progress and counts) and saved column mappings ---

import_batch = sa.Table(
    "trellis_import_batch", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("form", sa.String(64), nullable=False),
    sa.Column("user_id", sa.Integer),
    sa.Column("username", sa.String(100)),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("upload", sa.String(64), nullable=False),
    sa.Column("sheet", sa.String(255)),
    sa.Column("header_row", sa.Integer),
    sa.Column("mode", sa.String(10), nullable=False),
    sa.Column("keys", sa.JSON, nullable=False),
    sa.Column("mapping", sa.JSON, nullable=False),
    sa.Column("options", sa.JSON),
    sa.Column("dry_run", sa.Boolean, nullable=False),
    sa.Column("on_error", sa.String(8), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("total", sa.Integer),
    sa.Column("done", sa.Integer, nullable=False, server_default="0"),
    sa.Column("inserted", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated", sa.Integer, nullable=False, server_default="0"),
    sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rows_per_second", sa.Float),
    sa.Column("eta_seconds", sa.Float),
    sa.Column("errors_file", sa.String(64)),
    sa.Column("message", sa.JSON),
    sa.Column("cancel_requested", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("started_at", sa.DateTime),
    sa.Column("finished_at", sa.DateTime),
    sa.Column("rolled_back_at", sa.DateTime),
    sa.Column("rolled_back_by", sa.Integer),
    sa.Index("ix_trellis_import_batch_form", "app", "form"),
)

import_mapping = sa.Table(
    "trellis_import_mapping", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("form", sa.String(64), nullable=False),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("mapping", sa.JSON, nullable=False),
    sa.Column("user_id", sa.Integer),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("app", "form", "name", name="uq_trellis_import_mapping_name"),
)

# -- jobs: durable deferred work (outbox, timers, retries); see trellis/jobs/ --------------

job = sa.Table(
    "trellis_jobs", metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("args", sa.JSON, nullable=False),
    sa.Column("run_at", sa.DateTime, nullable=False),
    sa.Column("key", sa.String(200), unique=True),  # idempotency: a second enqueue of a key is a no-op
    sa.Column("state", sa.String(16), nullable=False),  # queued running done failed dead
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("lease_owner", sa.String(100)),
    sa.Column("lease_until", sa.DateTime),
    sa.Column("app", sa.String(64)),
    sa.Column("cause", sa.JSON),  # the chain of the write that enqueued it (kernel/cause.py)
    sa.Column("request_id", sa.String(64)),  # the request (or job) it was enqueued in (kernel/logs.py)
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("started_at", sa.DateTime),
    sa.Column("finished_at", sa.DateTime),
    sa.Index("ix_trellis_jobs_due", "state", "run_at"),
    sa.Index("ix_trellis_jobs_lease", "state", "lease_until"),
)

# -- notifications (notify/) --------------------------------------------------------------
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

channel = sa.Table(  # an app's configured channel: a name (the medium) served by a channel type
    "trellis_channels", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("label", sa.JSON),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("config", sa.Text, nullable=False),  # encrypted (notify/sealing.py), never returned
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("updated_by", sa.Integer),
    sa.UniqueConstraint("app", "name", name="ux_trellis_channels_name"),
)
message = sa.Table(  # one notify() call
    "trellis_messages", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("event", sa.String(100), nullable=False),
    sa.Column("urgency", sa.String(8), nullable=False),
    sa.Column("form", sa.String(64)),
    sa.Column("record", sa.BigInteger),
    sa.Column("data", sa.JSON),
    sa.Column("cause", sa.JSON),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("created_by", sa.Integer),
)
delivery = sa.Table(  # one message to one recipient on one channel
    "trellis_deliveries", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("message_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("key", sa.String(200), nullable=False, unique=True),  # idempotency: message:recipient:channel
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("event", sa.String(100), nullable=False),
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("channel_type", sa.String(64)),
    sa.Column("urgency", sa.String(8), nullable=False),
    sa.Column("recipient_key", sa.String(200), nullable=False),
    sa.Column("recipient", sa.JSON, nullable=False),
    sa.Column("to", sa.String(200)),
    sa.Column("subject", sa.Text),
    sa.Column("body", sa.Text),
    sa.Column("html", sa.Text),
    sa.Column("link", sa.String(500)),
    sa.Column("fallbacks", sa.JSON),  # channel names still to try on a permanent failure
    sa.Column("dedupe", sa.String(200)),
    sa.Column("state", sa.String(16), nullable=False),  # queued held sending retrying sent failed skipped
    sa.Column("note", sa.String(500)),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error", sa.Text),
    sa.Column("answer", sa.Text),
    sa.Column("latency_ms", sa.Integer),
    sa.Column("form", sa.String(64)),
    sa.Column("record", sa.BigInteger),
    sa.Column("run_at", sa.DateTime, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("sent_at", sa.DateTime),
    sa.Column("read_at", sa.DateTime),
    sa.Index("ix_trellis_deliveries_record", "app", "form", "record"),
    sa.Index("ix_trellis_deliveries_channel", "app", "channel", "created_at"),
    sa.Index("ix_trellis_deliveries_recipient", "recipient_key", "created_at"),
)
delivery_log = sa.Table(  # one row per attempt
    "trellis_delivery_log", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("delivery_id", sa.BigInteger, nullable=False, index=True),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # sent transient permanent
    sa.Column("answer", sa.Text),
    sa.Column("error", sa.Text),
    sa.Column("latency_ms", sa.Integer),
)
inbox = sa.Table(  # the in-app message center
    "trellis_inbox", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("user_id", sa.Integer, nullable=False),
    sa.Column("delivery_id", sa.BigInteger, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text),
    sa.Column("urgency", sa.String(8), nullable=False),
    sa.Column("form", sa.String(64)),
    sa.Column("record", sa.BigInteger),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("read_at", sa.DateTime),
    sa.Index("ix_trellis_inbox_user", "user_id", "read_at", "id"),
)
outbox = sa.Table(  # what the outbox channel recorded instead of sending
    "trellis_outbox", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("delivery_id", sa.BigInteger, unique=True),
    sa.Column("channel_type", sa.String(64), nullable=False),
    sa.Column("recipient", sa.String(200)),
    sa.Column("subject", sa.Text),
    sa.Column("body", sa.Text),
    sa.Column("urgency", sa.String(8), nullable=False),
    sa.Column("form", sa.String(64)),
    sa.Column("record", sa.BigInteger),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Index("ix_trellis_outbox_record", "app", "form", "record"),
)
notify_prefs = sa.Table(  # a user's notification settings
    "trellis_notify_prefs", metadata,
    sa.Column("user_id", sa.Integer, primary_key=True),
    sa.Column("prefs", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

# -- flows (flows/) -------------------------------------------------------------------------
flow_run = sa.Table(  # one run of a flow version, from its trigger to its end
    "trellis_flow_runs", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("flow", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),  # a run stays on the version it started on
    sa.Column("form", sa.String(64)),
    sa.Column("record_id", sa.BigInteger),
    sa.Column("event", sa.String(200), nullable=False, unique=True),  # idempotency: flow:version:event
    sa.Column("state", sa.String(16), nullable=False),  # running waiting done failed cancelled exited
    sa.Column("seq", sa.Integer, nullable=False, server_default="0"),  # steps taken (compare-and-set)
    sa.Column("cursor", sa.JSON, nullable=False),  # the tokens: where each branch of the run stands
    sa.Column("context", sa.JSON, nullable=False),  # trigger snapshot, event, variables, step outputs
    sa.Column("actor_id", sa.Integer),
    sa.Column("parent_run", sa.BigInteger),  # the run whose call_flow node started this one
    sa.Column("cause", sa.JSON),
    sa.Column("error", sa.Text),
    sa.Column("wake_at", sa.DateTime),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("ended_at", sa.DateTime),
    sa.Index("ix_trellis_flow_runs_flow", "app", "flow", "started_at"),
    sa.Index("ix_trellis_flow_runs_record", "app", "form", "record_id", "state"),
    sa.Index("ix_trellis_flow_runs_state", "state"),
)

flow_step = sa.Table(  # the run log: one row per step taken
    "trellis_flow_steps", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("node", sa.String(64), nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("result", sa.String(16), nullable=False),  # ok waiting failed skipped exited cancelled
    sa.Column("input", sa.JSON),
    sa.Column("output", sa.JSON),
    sa.Column("error", sa.Text),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("ms", sa.Integer),
    sa.UniqueConstraint("run_id", "seq", name="ux_trellis_flow_steps_seq"),
)

flow_task = sa.Table(  # a person's part in a run: approve, handle, or read (cc)
    "trellis_flow_tasks", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.Column("flow", sa.String(64), nullable=False),
    sa.Column("node", sa.String(64), nullable=False),
    sa.Column("token", sa.Integer, nullable=False),
    sa.Column("round", sa.Integer, nullable=False),  # the run's step count when the node began
    sa.Column("kind", sa.String(16), nullable=False),  # approval handle cc
    sa.Column("mode", sa.String(16), nullable=False),  # any all sequence
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),  # order in a sequence
    sa.Column("assignee_id", sa.Integer, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),  # queued pending approved rejected returned ...
    sa.Column("comment", sa.Text),
    sa.Column("values", sa.JSON),
    sa.Column("attachments", sa.JSON),
    sa.Column("form", sa.String(64)),
    sa.Column("record_id", sa.BigInteger),
    sa.Column("title", sa.String(300)),
    sa.Column("initiator_id", sa.Integer),
    sa.Column("added_by", sa.BigInteger),  # the task whose assignee added this signer
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("due_at", sa.DateTime),
    sa.Column("remind_at", sa.DateTime),
    sa.Column("acted_at", sa.DateTime),
    sa.Column("acted_by", sa.Integer),
    sa.Column("urged_at", sa.DateTime),
    sa.Column("urges", sa.Integer, nullable=False, server_default="0"),
    sa.Column("sla_state", sa.String(16)),  # None reminded overdue
    sa.Index("ix_trellis_flow_tasks_assignee", "assignee_id", "state", "created_at"),
    sa.Index("ix_trellis_flow_tasks_run", "run_id", "node", "round"),
    sa.Index("ix_trellis_flow_tasks_initiator", "initiator_id", "created_at"),
)

trading_day = sa.Table(  # each calendar day's trading day (itself, or the next one): reports' periods
    "trellis_trading_days", metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("trading_day", sa.Date, nullable=False),
)

calendar_day = sa.Table(  # an admin's answer for one day, over chinese-calendar's
    "trellis_calendar_days", metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("working", sa.Boolean, nullable=False),
    sa.Column("trading", sa.Boolean, nullable=False),
    sa.Column("note", sa.String(200)),
    sa.Column("updated_by", sa.Integer),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

flow_mark = sa.Table(  # a threshold trigger's fired records (re-armed when the condition turns false)
    "trellis_flow_marks", metadata,
    sa.Column("app", sa.String(64), primary_key=True),
    sa.Column("flow", sa.String(64), primary_key=True),
    sa.Column("record_id", sa.BigInteger, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
)

# -- a record's comments (its 360 page), with the users they @mention ---------------------
comment = sa.Table(
    "trellis_comments", metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("form", sa.String(64), nullable=False),
    sa.Column("record_id", sa.BigInteger, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("mentions", sa.JSON),  # user ids
    sa.Column("created_by", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime),
    sa.Column("deleted_at", sa.DateTime),
    sa.Index("ix_trellis_comments_record", "app", "form", "record_id", "created_at"),
)

# -- public form links: the current token of each link, captchas handed out, submission counters --

public_link_token = sa.Table(
    "trellis_public_link_token", metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("app", sa.String(64), nullable=False),
    sa.Column("link", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("app", "link", name="ux_trellis_public_link_token_link"),
)

public_captcha = sa.Table(  # single use: a check deletes the row, right or wrong
    "trellis_public_captcha", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("token", sa.String(64), nullable=False),
    sa.Column("answer", sa.String(16), nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Index("ix_trellis_public_captcha_expires", "expires_at"),
)

public_hits = sa.Table(  # submissions counted per key (a link, a link and a client) per hour
    "trellis_public_hits", metadata,
    sa.Column("key", sa.String(160), primary_key=True),
    sa.Column("window_start", sa.DateTime, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)
