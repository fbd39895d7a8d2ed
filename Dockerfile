# A minimal image of evalbot: Slack over HTTP (gunicorn) on $PORT, state in $EVALBOT_DATA_DIR
# or the PostgreSQL of EVALBOT_DATABASE_URL (see compose.yaml and docs/deployment.md).
# CI does not build it (no container registry is reachable there); tests run its entry point.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=3000 \
    EVALBOT_DATA_DIR=/var/lib/evalbot \
    EVALBOT_CACHE_DIR=off

WORKDIR /src
COPY pyproject.toml README.md LICENSE manifest.yml ./
COPY evalbot/ evalbot/
COPY knowledge/ knowledge/
COPY tests/routing/devset.yaml tests/routing/devset.yaml
COPY tests/routing/wild/wild.yaml tests/routing/wild/wild.yaml
COPY tests/routing/near-misses.yaml tests/routing/near-misses.yaml
RUN pip install --no-cache-dir . \
    && useradd --system --create-home --home-dir /var/lib/evalbot evalbot
COPY scripts/docker-entrypoint /usr/local/bin/docker-entrypoint

USER evalbot
WORKDIR /var/lib/evalbot
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ['PORT'], timeout=4)"
ENTRYPOINT ["docker-entrypoint"]
CMD ["serve", "--http"]
