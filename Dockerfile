# Samverkansbot as a container: build stage compiles the TypeScript, the final stage has production
# dependencies only, runs as the unprivileged `node` user and starts the compiled bot, which migrates the
# database itself at start (as `npm start` does). See README, "I drift / Operating it".
#
#   docker build -t samverkansbot .
#   docker run -p 3978:3978 -e HOST=0.0.0.0 -e MICROSOFT_APP_ID=… -e MICROSOFT_APP_PASSWORD=… \
#     -e PUBLIC_BASE_URL=https://samverkansbot.example.se -v samverkansbot-data:/app/data samverkansbot
#
# Node 22 LTS (Node 20 reached end of life in April 2026); better-sqlite3 11 builds from source on it.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
# Only better-sqlite3's install script runs (package.json "allowScripts"); Prisma's would download engines.
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY scripts ./scripts
COPY src ./src
COPY cards ./cards
COPY config ./config
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    CHECKPOINT_DISABLE=1 \
    HOST=0.0.0.0 \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; the compiler is removed again in the same layer.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && npm ci --omit=dev --ignore-scripts \
  && npm rebuild better-sqlite3 \
  && npm cache clean --force \
  && apt-get purge -y python3 make g++ && apt-get autoremove -y \
  && rm -rf /var/lib/apt/lists/* /root/.npm /root/.cache
COPY --from=build /app/build ./build
COPY --from=build /app/cards ./cards
COPY --from=build /app/config ./config
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/src ./src
# ./data holds the SQLite file when DATABASE_URL is not PostgreSQL: a volume, writable by the bot's user.
RUN mkdir -p /app/data /app/backups && chown node:node /app/data /app/backups
VOLUME ["/app/data"]
USER node
EXPOSE 3978
# 200 only when the database takes a write (README: /healthz). Node's fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) stops the bot gracefully within SHUTDOWN_TIMEOUT_SECONDS (20 s; docker waits 10 s
# unless told otherwise: compose.yaml sets stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "--max-semi-space-size=4", "--max-old-space-size=384", "build/main.js"]
