# Trellis: one image for every process of a deployment: the web processes (`trellis run`,
# gunicorn), the Celery workers and beat, and the one-shot `trellis init` (docker-compose.yml).
#
#   docker build -t trellis .
#   docker run -p 5000:5000 -v trellis:/var/lib/trellis trellis      # one machine, SQLite inside the volume
#
# Stages: `frontend` builds the web UI and the rating plugin's browser module with Node (as
# `make frontend plugins` does); `wheels` builds every Python package into wheels (the core,
# plugins/trellis_*, python-ldap for LDAP sign-in, authlib for OIDC) with a compiler the
# final image does without; the last stage installs them on python:3.11-slim.
# Debian 12 (bookworm) throughout: its postgresql-client 15 is what `trellis backup` runs
# (pg_dump must not be older than the server: docker-compose.yml runs postgres:15).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- 1. the web UI ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS frontend
WORKDIR /src
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN cd frontend && npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./frontend/
# `npm run build` type-checks src/ with tsc, whose tests read these cases
COPY tests/logic/*.json ./tests/logic/
RUN cd frontend && npm run build
# the rating plugin's browser module, built with the web UI's own Vite (Makefile `plugins`)
COPY plugins/trellis_rating/ ./plugins/trellis_rating/
RUN node plugins/trellis_rating/build.mjs

# ---- 2. the Python packages as wheels --------------------------------------------------------
FROM ${PYTHON_IMAGE} AS wheels
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libldap2-dev libsasl2-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY platform/ ./platform/
COPY metadata/ ./metadata/
COPY plugins/ ./plugins/
# the freshly built browser module replaces the committed one
COPY --from=frontend /src/plugins/trellis_rating/trellis_rating/static/ ./plugins/trellis_rating/trellis_rating/static/
RUN rm -rf platform/*.egg-info plugins/*/*.egg-info plugins/*/build \
 && pip wheel --no-cache-dir --wheel-dir /wheels ".[ldap]" ./plugins/trellis_*/ authlib

# ---- 3. the image that runs ------------------------------------------------------------------
FROM ${PYTHON_IMAGE}
# fonts-wqy-zenhei: a CJK font for charts drawn on the server (scheduled dashboard deliveries);
# postgresql-client: pg_dump / pg_restore / psql for `trellis backup` and `trellis restore`;
# libldap / libsasl2: python-ldap's libraries; tzdata: the instance's zone (TZ, TRELLIS_TIMEZONE)
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-zenhei postgresql-client libldap-2.5-0 libsasl2-2 tzdata \
 && rm -rf /var/lib/apt/lists/*
COPY --from=wheels /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-index --find-links /tmp/wheels /tmp/wheels/*.whl && rm -rf /tmp/wheels

WORKDIR /srv/trellis
COPY seeds/ ./seeds/
COPY --from=frontend /src/frontend/dist/ ./frontend/dist/

# the processes run as an unprivileged user owning only the instance folder
RUN groupadd --system --gid 10001 trellis \
 && useradd --system --uid 10001 --gid trellis --home-dir /var/lib/trellis --shell /usr/sbin/nologin trellis \
 && mkdir -p /var/lib/trellis /run/trellis/metrics \
 && chown trellis:trellis /var/lib/trellis /run/trellis/metrics

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TRELLIS_HOME=/var/lib/trellis \
    TRELLIS_SEEDS=/srv/trellis/seeds \
    TRELLIS_FRONTEND_DIST=/srv/trellis/frontend/dist \
    PROMETHEUS_MULTIPROC_DIR=/run/trellis/metrics \
    TZ=Asia/Shanghai \
    TRELLIS_TIMEZONE=Asia/Shanghai

# the SQLite file (one machine), the secret key, attachments and import files
VOLUME ["/var/lib/trellis"]
USER trellis
EXPOSE 5000
# liveness of a web container (the worker and beat services override it in docker-compose.yml)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/healthz', timeout=4)"]
CMD ["trellis", "run", "--host", "0.0.0.0", "--port", "5000"]
