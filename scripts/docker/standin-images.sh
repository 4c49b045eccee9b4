#!/usr/bin/env bash
# Builds local stand-ins for the two base images the Docker files name, node:20-bookworm-slim and
# redis:7-alpine, for machines that can reach Debian's mirror but not Docker Hub (our CI sandbox).
# The stand-ins are Debian bookworm with this machine's Node 20 and Debian's redis-server 7; they
# are never pushed anywhere. On a machine that can pull from Docker Hub, skip this script.
#
#   sudo scripts/docker/standin-images.sh [rootfs-dir]
set -euo pipefail

rootfs="${1:-/tmp/quizthread-bookworm-rootfs}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [ "${FORCE:-}" != 1 ] && docker image inspect node:20-bookworm-slim redis:7-alpine >/dev/null 2>&1; then
  echo "base images already present; nothing to do"
  exit 0
fi

if [ ! -x "$rootfs/usr/bin/redis-server" ]; then
  debootstrap --variant=minbase --include=redis-server,ca-certificates bookworm "$rootfs" "$mirror"
fi
tar -C "$rootfs" -c . | docker import - quizthread-standin/bookworm:latest

ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
node_bin="$(command -v node)"
npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
cp "$node_bin" "$ctx/node"
cp -r "$npm_dir" "$ctx/npm"
# A sandbox whose egress goes through a TLS-inspecting proxy needs its CA inside the image too.
cp /etc/ssl/certs/ca-certificates.crt "$ctx/host-ca-certificates.crt"

# Like the official image: node and npm on PATH, and a non-root user "node" with uid 1000.
cat >"$ctx/Dockerfile.node" <<'DOCKERFILE'
FROM quizthread-standin/bookworm:latest
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY host-ca-certificates.crt /etc/ssl/certs/host-ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/host-ca-certificates.crt
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["node"]
DOCKERFILE
docker build -q -f "$ctx/Dockerfile.node" -t node:20-bookworm-slim "$ctx"

# Like the official image: the append-only file goes to /data, and protected mode is off (the
# official build patches its default) so other containers on the compose network may connect.
cat >"$ctx/redis-entrypoint.sh" <<'SCRIPT'
#!/bin/sh
if [ "$1" = redis-server ]; then shift; exec redis-server --protected-mode no "$@"; fi
exec "$@"
SCRIPT
cat >"$ctx/Dockerfile.redis" <<'DOCKERFILE'
FROM quizthread-standin/bookworm:latest
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod +x /usr/local/bin/docker-entrypoint.sh && mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
DOCKERFILE
docker build -q -f "$ctx/Dockerfile.redis" -t redis:7-alpine "$ctx"
docker image ls node:20-bookworm-slim
docker image ls redis:7-alpine
