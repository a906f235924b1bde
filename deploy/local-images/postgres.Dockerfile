# syntax=docker/dockerfile:1
# Stand-in for postgres:17-alpine where no image registry is reachable (`make stack-test`):
# Debian's PostgreSQL (15 on bookworm) with the official image's first-start contract
# (POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, data in PGDATA, pg_isready, SIGINT to stop).
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
    && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15/main /etc/postgresql/15/main
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
