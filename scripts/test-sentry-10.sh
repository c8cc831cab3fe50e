#!/usr/bin/env bash
# Runs the Sentry integration tests (test/integrations/) against @sentry/node 10.x, the other
# supported major (the dev dependency is 11.x).
#
# In a temporary directory it installs, as a Sentry 10 app would, the packed l0 together with
# `@sentry/node@10` (npm stops with ERESOLVE if l0's peer range excluded 10), then runs vitest with
# `@sentry/node` resolved from there (test/integrations/vitest.sentry-major.config.ts). The harness
# fails unless the resolved SDK_VERSION is 10.x; examples/sentry.mjs runs inside that app, and
# test/integrations/sentry-app-types.ts is type-checked there against Sentry 10's types.
#
#   scripts/test-sentry-10.sh            (builds dist/ first when it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT

[ -f dist/index.js ] || npm run build
npm pack --silent --pack-destination "$app" >/dev/null
tarball="$(ls "$app"/l0-*.tgz)"
echo '{ "name": "sentry-10-app", "private": true, "type": "module" }' >"$app/package.json"
npm install --prefix "$app" --no-audit --no-fund --loglevel=error "@sentry/node@10" "$tarball"
echo "@sentry/node $(node -p "require('$app/node_modules/@sentry/node/package.json').version") installed beside l0"

# The app's own use of the API type-checks against Sentry 10's types.
cp test/integrations/sentry-app-types.ts "$app/"
echo '{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true,
  "noEmit": true, "skipLibCheck": true, "types": [] }, "files": ["sentry-app-types.ts"] }' >"$app/tsconfig.json"
node_modules/.bin/tsc -p "$app/tsconfig.json"
echo "l0's Sentry API type-checks with @sentry/node 10's types"

L0_SENTRY_APP_DIR="$app" L0_SENTRY_MAJOR=10 npx vitest run --config test/integrations/vitest.sentry-major.config.ts
