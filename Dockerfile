# One image for the web processes, the Celery workers and beat.
FROM python:3.11-slim
WORKDIR /srv/trellis
COPY pyproject.toml README.md ./
COPY platform ./platform
COPY metadata ./metadata
COPY seeds ./seeds
RUN pip install --no-cache-dir ".[deploy]"
ENV TRELLIS_HOME=/var/lib/trellis TRELLIS_SEEDS=/srv/trellis/seeds
EXPOSE 5000
CMD ["gunicorn", "-w", "4", "-b", "0.0.0.0:5000", "trellis.wsgi:app"]
