# The bot in a container: `docker compose up -d` (see compose.yaml and the README's Deploy).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PARTNERSCHAPKAART_DB=/data/partnerschapkaart.sqlite3 \
    PARTNERSCHAPKAART_WEB=0.0.0.0:8080

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY flows ./flows
COPY storage ./storage
COPY exports ./exports
COPY web ./web
# The bot and its dependencies only: no test tools.
RUN pip install --no-cache-dir . && rm -rf /app/*

# A user without rights on anything but its database folder.
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin bot \
    && mkdir -p /data && chown bot:bot /data
USER bot
WORKDIR /data
# The SQLite file with its -wal and -shm: keep the whole folder on a volume.
VOLUME ["/data"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]

# `docker stop` sends SIGTERM: the bot finishes what it sends and stops cleanly.
STOPSIGNAL SIGTERM
ENTRYPOINT ["partnerschapkaart"]
CMD ["run"]
