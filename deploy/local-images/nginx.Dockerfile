# syntax=docker/dockerfile:1
# Stand-in for nginx:1.28-alpine where no image registry is reachable (`make stack-test`):
# Debian's nginx with the two entrypoint steps of the official image this repo relies on.
# From sid: deploy/nginx.conf's `server backend:8080 resolve` needs nginx >= 1.27.3 (open source);
# bookworm has 1.22, trixie 1.26, sid 1.30 (the official image is 1.28).
ARG BASE_IMAGE=debian:sid-slim
FROM ${BASE_IMAGE}
# Extra apt options: `make stack-test` passes `-o Acquire::Check-Valid-Until=false`, as the Debian
# mirror its hosts reach is a snapshot, older than sid's week-long Release validity.
ARG APT_OPTIONS=""
# As in the public Debian images: packages installed in a build start no services.
RUN printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d \
    && apt-get $APT_OPTIONS update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx gettext-base wget \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
    && ln -sf /dev/stdout /var/log/nginx/access.log \
    && ln -sf /dev/stderr /var/log/nginx/error.log \
    && mkdir -p /etc/nginx/templates /docker-entrypoint.d
COPY nginx-entrypoint.sh /usr/local/bin/
STOPSIGNAL SIGQUIT
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/nginx-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
