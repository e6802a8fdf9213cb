# Builds any app of the workspace: docker build --build-arg APP=migrator .
# The build writes dist/apps/${APP}/main.js, an esbuild bundle with npm packages external, and beside
# it a package.json and package-lock.json of the packages that bundle imports (generatePackageJson),
# so the runtime stage installs only those: each app's image carries its own production packages.
# The fakes the compose `demo` profile runs are built the same way, into dist/tools/${APP}
# (APP=fake-reddit, APP=fake-hn).
# Node 24, the current LTS (Node 20 reached its end of life in April 2026); the workspace's tests and
# CI run on the machine's Node 20, which package.json's engines still allow.

FROM node:24.11-bookworm-slim AS build
ARG APP
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN test -n "${APP}" || (echo "build with --build-arg APP=<app>, e.g. APP=migrator" >&2; exit 1) \
 && npx nx run "${APP}:build" \
 && if [ -d "apps/${APP}" ]; then cp -r "dist/apps/${APP}" /workspace/out; else cp -r "dist/tools/${APP}" /workspace/out; fi

FROM node:24.11-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /app
# The app at a fixed path (main.js, its package.json and lock file; the build stage put an app's or a
# tool's in /workspace/out), so ENTRYPOINT needs no shell to expand ${APP}; then only the packages it
# imports. A demo fake (a tool, not an app) is one bundle with its packages inside: nothing to install.
COPY --from=build /workspace/out/ /app/
RUN if [ -f package.json ]; then npm ci --omit=dev --ignore-scripts && npm cache clean --force; fi
USER node
# A scraper's readiness: /readyz of libs/scraper-kit's health server on HTTP_PORT (9464 when unset, the
# Reddit scraper's default; compose sets HTTP_PORT for each scraper). node, since the slim image has
# no curl. The migrator is a one-shot command without a server: its compose service disables this.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 9464) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/main.js"]
