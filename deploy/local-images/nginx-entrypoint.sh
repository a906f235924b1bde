#!/bin/sh
# The official nginx image's 15-local-resolvers.envsh, its sourcing of /docker-entrypoint.d/*.envsh
# and 20-envsubst-on-templates.sh, reduced:
# NGINX_LOCAL_RESOLVERS from /etc/resolv.conf (Docker: 127.0.0.11; podman: the network's
# aardvark-dns), then /etc/nginx/templates/*.template -> /etc/nginx/conf.d/ with only defined
# environment variables substituted (nginx's own $variables stay).
set -eu
if [ -n "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ]; then
    NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {print $2}' /etc/resolv.conf)
    export NGINX_LOCAL_RESOLVERS
fi
# As the official entrypoint: source the mounted *.envsh scripts in order.
for script in /docker-entrypoint.d/*.envsh; do
    [ -e "$script" ] || continue
    # shellcheck disable=SC1090
    . "$script"
done
defined=$(env | cut -d= -f1 | sed 's/.*/${&}/' | tr '\n' ' ')
for template in /etc/nginx/templates/*.template; do
    [ -e "$template" ] || continue
    envsubst "$defined" <"$template" >"/etc/nginx/conf.d/$(basename "$template" .template)"
done
exec "$@"
