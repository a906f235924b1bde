# syntax=docker/dockerfile:1
# Stand-in for nginx:1.28-alpine where no image registry is reachable (`make stack-test`):
# Debian's nginx with the two entrypoint steps of the official image this repo relies on.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light gettext-base wget \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
    && ln -sf /dev/stdout /var/log/nginx/access.log \
    && ln -sf /dev/stderr /var/log/nginx/error.log \
    && mkdir -p /etc/nginx/templates /docker-entrypoint.d
COPY nginx-entrypoint.sh /usr/local/bin/
STOPSIGNAL SIGQUIT
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/nginx-entrypoint.sh"]
CMD ["nginx", "-g", "daemon off;"]
