# syntax=docker/dockerfile:1
#
# One image recipe for every service of the platform.
#   docker build --build-arg SERVICE=stations -t leifeng/stations:latest .
# The image holds all of that service's processes; the command picks one:
#   node services/<SERVICE>/dist/index.js    API (the default CMD)
#   node services/<SERVICE>/dist/worker.js   BullMQ/outbox worker (not for gateway)
#   node services/<SERVICE>/dist/migrate.js  one-shot migrations (not for gateway)
#
# When a workspace is added, add its package.json to BOTH stages below, its dist/
# and any file it reads at run time (*.graphql) to the runtime stage;
# test/ops/dockerfile.test.ts fails until you do.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---------------------------------------------------------------- build stage
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Manifests first, so the dependency layer is cached until a lockfile changes.
COPY package.json package-lock.json ./
COPY packages/kit/package.json packages/kit/
COPY services/stations/package.json services/stations/
COPY services/volunteers/package.json services/volunteers/
COPY services/accreditation/package.json services/accreditation/
COPY services/notifications/package.json services/notifications/
COPY services/identity/package.json services/identity/
COPY services/gateway/package.json services/gateway/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund

COPY tsconfig.base.json tsconfig.build.json ./
COPY packages/ packages/
COPY services/ services/
# The web console (static files the gateway serves at /): scripts/build-web.mjs runs in `npm run build`.
COPY apps/ apps/
COPY scripts/build-web.mjs scripts/
RUN npm run build

# -------------------------------------------------------------- runtime stage
FROM ${NODE_IMAGE} AS runtime
# Which service this image runs; carried into ENV because CMD cannot see ARGs.
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build arg SERVICE is required (e.g. --build-arg SERVICE=stations)" >&2; exit 1; }
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app

# Production dependencies only; npm links the workspaces into node_modules/@leifeng/*.
COPY package.json package-lock.json ./
COPY packages/kit/package.json packages/kit/
COPY services/stations/package.json services/stations/
COPY services/volunteers/package.json services/volunteers/
COPY services/accreditation/package.json services/accreditation/
COPY services/notifications/package.json services/notifications/
COPY services/identity/package.json services/identity/
COPY services/gateway/package.json services/gateway/
# apps/web has only build-time (dev) dependencies: nothing of it is installed here.
COPY apps/web/package.json apps/web/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The volunteers service renders certificate PDFs with a CJK font (CERTIFICATE_FONT_FILE): Debian's Noto CJK.
RUN if [ "$SERVICE" = volunteers ]; then \
      apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*; \
    fi

# SDL read at run time from beside dist/: each subgraph's schema.graphql (kit's
# loadSchema) and the gateway's committed supergraph.graphql.
COPY services/stations/schema.graphql services/stations/
COPY services/volunteers/schema.graphql services/volunteers/
COPY services/accreditation/schema.graphql services/accreditation/
COPY services/notifications/schema.graphql services/notifications/
COPY services/identity/schema.graphql services/identity/
COPY services/gateway/supergraph.graphql services/gateway/
# Data read at run time by stations' migrations (gzip JSON from scripts/generate-regions.mjs).
COPY services/stations/seed/ services/stations/seed/

# Compiled output (tsc also emits the JSON files under src/, e.g. seed data).
COPY --from=build /app/packages/kit/dist packages/kit/dist
COPY --from=build /app/services/stations/dist services/stations/dist
COPY --from=build /app/services/volunteers/dist services/volunteers/dist
COPY --from=build /app/services/accreditation/dist services/accreditation/dist
COPY --from=build /app/services/notifications/dist services/notifications/dist
COPY --from=build /app/services/identity/dist services/identity/dist
COPY --from=build /app/services/gateway/dist services/gateway/dist
# The built console, served by the gateway at / (services/gateway/src/web.ts; WEB_DIST overrides).
COPY --from=build /app/apps/web/dist apps/web/dist
RUN test -f "services/${SERVICE}/dist/index.js" || { echo "no entry point services/${SERVICE}/dist/index.js" >&2; exit 1; }

# Files stay root-owned (read-only to the process); the node user (uid 1000) runs it.
USER node

# node:*-slim has no curl; Node 22's global fetch does the probe. Uses the
# container's own $PORT, so the same check fits APIs (4000-4005) and workers (8080).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Exec-form CMD does not expand variables, so a shell expands $SERVICE and then
# `exec`s node: node becomes PID 1 and receives SIGTERM directly.
CMD ["sh", "-c", "exec node \"services/${SERVICE}/dist/index.js\""]
