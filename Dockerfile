# syntax=docker/dockerfile:1
# Palisade's container image: built with the full dev install, run as `node dist/main.js` on a production install of the
# root package only (no packages/sandbox, no tsx, no Playground). No image is built in CI here (no Docker engine):
# scripts/check-production.sh runs the runtime stage's steps on the same files. See docs/deploy.md.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: dev install (with the sandbox workspace, which `npm run build` also compiles) → dist/
FROM ${NODE_IMAGE} AS build
WORKDIR /src
# better-sqlite3 compiles from source when no prebuilt binary matches the platform
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY packages/sandbox/package.json packages/sandbox/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/copy-assets.mjs scripts/
COPY packages/sandbox packages/sandbox
COPY src src
RUN npm run build

# --- runtime install: `npm ci --omit=dev` of the root only, on the runtime base (compilers stay in this stage)
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    PALISADE_DATA_DIR=/data
WORKDIR /app
COPY --from=runtime-deps /app/node_modules node_modules
COPY package.json package-lock.json ./
COPY --from=build /src/dist dist
COPY cards cards
COPY manifest manifest
# The SQLite store (one replica) lives on the volume; with PALISADE_STORE=blob it only holds nothing of value
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
# Liveness only; readiness (/readyz: store + Azure token) is for the orchestrator's readiness probe
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains: no new turns (503), in-flight applies finish, the store closes, within PALISADE_SHUTDOWN_TIMEOUT_SECONDS
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
