# One image for the web processes, the Celery workers and beat.
FROM python:3.11-slim
WORKDIR /srv/trellis
COPY pyproject.toml README.md ./
COPY platform ./platform
COPY metadata ./metadata
COPY seeds ./seeds
COPY plugins ./plugins
# the core, then the first-party plugins (their browser modules are committed built)
RUN pip install --no-cache-dir . ./plugins/trellis_*/
ENV TRELLIS_HOME=/var/lib/trellis TRELLIS_SEEDS=/srv/trellis/seeds
# the instance's local time: stored timestamps are in it, answers carry its offset
ENV TZ=Asia/Shanghai
EXPOSE 5000
CMD ["trellis", "run", "--host", "0.0.0.0", "--port", "5000"]
