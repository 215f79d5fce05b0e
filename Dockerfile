# One image for the web processes, the Celery workers and beat.
FROM python:3.11-slim
WORKDIR /srv/trellis
# a CJK font: dashboards' charts are drawn on the server for scheduled deliveries (vl-convert)
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-zenhei && rm -rf /var/lib/apt/lists/*
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
