"""`trellis migrate-db --to postgresql://...`: the embedded SQLite instance copied into an
empty PostgreSQL database, all in one PostgreSQL transaction (a failure leaves the target
empty).

The target's schema is made as a PostgreSQL instance would make it: the platform's tables
by Alembic, Flask-AppBuilder's (ab_*) from its models, each published form's table (and
sub-table) from its definition; a table of any other origin from the SQLite schema. Then
every table is copied in dependency order (foreign keys first), in batches read from one
SQLite read transaction and written with COPY, the id sequences are moved past the
copied ids, and the row count of every table is compared before committing. Afterwards
the audit log's hash chain is verified on the target. The files folder stays where it
is; only TRELLIS_DATABASE_URL changes."""
from __future__ import annotations

import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from ..security.audit import verify as verify_audit
from ..storage import migrate
from ..storage import models as m
from .instance import (Instance, OperationFailed, VERSION_TABLE, normalize_url, open_engine, revision, row_counts,
                       shown_url, tables)
from .upgrade import pending

BATCH = 5000


def migrate_db(instance: Instance, to: str, *, progress=print, batch: int = BATCH) -> dict:
    started = time.monotonic()
    if instance.kind != "sqlite":
        raise OperationFailed(f"配置的数据库 {shown_url(instance.url)} 不是内置的 SQLite:migrate-db 只从 SQLite 迁出",
                              f"the configured database {shown_url(instance.url)} is not the embedded SQLite: "
                              f"migrate-db moves a SQLite instance only", code="not_sqlite")
    target_url = normalize_url(to or "")
    if not target_url.startswith("postgresql+psycopg://"):
        raise OperationFailed(f"--to 应为 postgresql://用户@主机:端口/数据库,而不是 {shown_url(to or '')}",
                              f"--to should be postgresql://user@host:port/database, not {shown_url(to or '')}",
                              code="bad_target")
    source = instance.engine()
    target = open_engine(target_url)
    try:
        with source.connect() as conn:
            if VERSION_TABLE not in tables(conn):
                raise OperationFailed("SQLite 数据库中没有 Trellis 实例,无可迁移", "the SQLite database holds no Trellis "
                                      "instance: nothing to migrate", code="no_instance")
            todo = pending(revision(conn))
        if todo:
            raise OperationFailed(f"SQLite 实例的数据库结构不是最新({len(todo)} 个迁移未运行):请先运行 trellis upgrade",
                                  f"the SQLite instance's schema is not current ({len(todo)} migrations pending): "
                                  f"run trellis upgrade first", code="not_current")
        with target.connect() as conn:
            held = tables(conn)
        if held:
            shown = ", ".join(held[:5]) + (", ..." if len(held) > 5 else "")
            raise OperationFailed(f"目标数据库 {shown_url(target_url)} 不是空的:已有 {len(held)} 张表({shown})。请使用新建的空数据库",
                                  f"the target database {shown_url(target_url)} is not empty: it has {len(held)} "
                                  f"tables ({shown}). Use a new, empty database", code="target_not_empty")
        models = _form_models(instance, source)
        with source.connect() as sconn, sconn.begin(), target.connect() as tconn, tconn.begin():
            made = _schema(sconn, tconn, models)
            progress(f"目标表已建立 / target tables created: {len(made)}")
            counts = _copy(sconn, tconn, batch, progress)
            _reset_sequences(tconn)
            have = row_counts(tconn, list(counts))
            differ = [t for t in counts if counts[t] != have.get(t)]
            if differ:
                t = differ[0]
                raise OperationFailed(f"复制后行数不符:表 {t} 源有 {counts[t]} 行,目标有 {have.get(t)} 行;目标数据库未改动",
                                      f"row counts differ after the copy: table {t} has {counts[t]} rows in SQLite, "
                                      f"{have.get(t)} on the target; the target was left unchanged", code="counts_differ")
            last = sconn.execute(sa.select(m.audit.c.hash).order_by(m.audit.c.id.desc()).limit(1)).scalar()
        with target.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
        audit = verify_audit(target)
        with target.connect() as conn:
            got = conn.execute(sa.select(m.audit.c.hash).order_by(m.audit.c.id.desc()).limit(1)).scalar()
        if not audit["ok"] or got != last:
            reason = audit["first_broken"]["reason"] if not audit["ok"] else {
                "zh": "末条与 SQLite 不同", "en": "its last entry differs from SQLite's"}
            raise OperationFailed(f"目标数据库的审计日志校验失败:{reason['zh']}",
                                  f"the audit log does not verify on the target: {reason['en']}", code="audit_broken")
        return {"tables": len(counts), "rows": sum(counts.values()), "counts": counts,
                "audit_checked": audit["checked"], "setting": f"TRELLIS_DATABASE_URL={shown_url(to)}",
                "seconds": round(time.monotonic() - started, 2)}
    finally:
        source.dispose()
        target.dispose()


def _form_models(instance: Instance, engine: sa.Engine) -> list:
    """The published forms of every app, as the runtime builds them (tables included)."""
    from ..runtime import Runtime

    secret = instance.secret_path.read_text().strip() if instance.secret_path.exists() else None
    runtime = Runtime(engine, ttl=0, files_dir=str(instance.files), secret=secret)
    d = m.definition
    with engine.connect() as conn:
        apps = conn.execute(sa.select(d.c.app).where(d.c.kind == "form", d.c.published_version.is_not(None))
                            .distinct().order_by(d.c.app)).scalars().all()
    return [form for app in apps for form in runtime.forms_of(app)]


def _schema(sconn, tconn, models) -> list[str]:
    """Create every table of the SQLite database on the target; returns their names."""
    from flask_appbuilder import Model
    import flask_appbuilder.security.sqla.models  # noqa: F401  (declares FAB's tables on Model.metadata)

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrate.__file__).parent / "migrations"))
    cfg.attributes["connection"] = tconn
    command.upgrade(cfg, "head")
    wanted = set(tables(sconn))
    Model.metadata.create_all(tconn, tables=[t for t in Model.metadata.sorted_tables if t.name in wanted])
    for form in models:
        if form.table_name not in wanted:
            continue
        form.table.create(tconn)
        for idx in form.indexes:
            tconn.exec_driver_sql(idx.ddl(form.table_name, tconn.dialect))
        for child in form.child_tables.values():
            if child.name in wanted:
                child.create(tconn)
    have = set(tables(tconn))
    for name in sorted(wanted - have):
        _generic_table(sconn, tconn, name)
    _check_columns(sconn, tconn, sorted(wanted))
    return sorted(wanted)


def _generic_table(sconn, tconn, name: str) -> None:
    """A table no definition or migration makes: its SQLite columns with generic types."""
    src = sa.Table(name, sa.MetaData(), autoload_with=sconn)
    cols = []
    for c in src.columns:
        try:
            kind = c.type.as_generic()
        except NotImplementedError:
            kind = sa.Text()
        cols.append(sa.Column(c.name, kind, primary_key=c.primary_key, nullable=c.nullable))
    sa.Table(name, sa.MetaData(), *cols).create(tconn)


def _check_columns(sconn, tconn, names: list[str]) -> None:
    si, ti = sa.inspect(sconn), sa.inspect(tconn)
    for name in names:
        extra = {c["name"] for c in si.get_columns(name)} - {c["name"] for c in ti.get_columns(name)}
        if extra:
            col = sorted(extra)[0]
            raise OperationFailed(f"表 {name} 的列 {col} 在 PostgreSQL 上没有对应的列(定义与数据库不一致);目标数据库未改动",
                                  f"column {col} of table {name} has no counterpart on PostgreSQL (the definition and "
                                  f"the database disagree); the target was left unchanged", code="schema_differs")


def _converter(col_type):
    """SQLite's stored value as PostgreSQL's COPY reads it for the target column's type."""
    if isinstance(col_type, sa.Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(col_type, sa.Integer):
        return lambda v: int(v) if isinstance(v, float) and v.is_integer() else v
    return None


def _copy(sconn, tconn, batch: int, progress) -> dict[str, int]:
    """Every table (but Alembic's version, made by the target's migrations) in dependency order."""
    md = sa.MetaData()
    md.reflect(bind=tconn)
    q = tconn.dialect.identifier_preparer.quote
    raw_source = sconn.connection.driver_connection
    raw_target = tconn.connection.driver_connection
    source_names = set(tables(sconn))
    counts = {}
    for table in md.sorted_tables:
        if table.name not in source_names or table.name == VERSION_TABLE:
            continue
        source_cols = [c["name"] for c in sa.inspect(sconn).get_columns(table.name)]
        converters = [_converter(table.c[c].type) for c in source_cols]
        names = ", ".join(q(c) for c in source_cols)
        cur = raw_source.cursor()
        cur.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in source_cols)} FROM "{table.name}"')
        n = 0
        with raw_target.cursor() as tcur, tcur.copy(f"COPY {q(table.name)} ({names}) FROM STDIN") as copy:
            while rows := cur.fetchmany(batch):
                for row in rows:
                    copy.write_row([f(v) if f else v for f, v in zip(converters, row)] if any(converters) else row)
                n += len(rows)
        cur.close()
        counts[table.name] = n
        if n >= 10 * batch:
            progress(f"  {table.name}: {n} rows")
    counts[VERSION_TABLE] = 1
    return counts


def _reset_sequences(tconn) -> None:
    """Each integer key's sequence (serial, or Flask-AppBuilder's `<table>_id_seq`) past its largest id."""
    q = tconn.dialect.identifier_preparer.quote
    insp = sa.inspect(tconn)
    sequences = set(insp.get_sequence_names())
    for name in tables(tconn):
        pk = insp.get_pk_constraint(name).get("constrained_columns") or []
        if len(pk) != 1:
            continue
        col = pk[0]
        seq = tconn.execute(sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": q(name), "c": col}).scalar()
        if seq is None and f"{name}_{col}_seq" in sequences:
            seq = q(f"{name}_{col}_seq")
        if seq is None:
            continue
        top = tconn.execute(sa.text(f"SELECT max({q(col)}) FROM {q(name)}")).scalar()
        if top is None:
            tconn.execute(sa.text("SELECT setval(:s, 1, false)"), {"s": seq})
        else:
            tconn.execute(sa.text("SELECT setval(:s, :v)"), {"s": seq, "v": int(top)})
