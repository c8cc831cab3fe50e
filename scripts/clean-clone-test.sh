#!/usr/bin/env bash
# A newcomer's first commands on a fresh clone of the committed HEAD, in a temporary folder:
#   npm ci                      the lock file installs as it is (and the tree stays clean)
#   npm pack --dry-run          the package packs from a clean checkout with dist/ (prepack builds)
#   npm start -- --short        the demo runs (on a free port for /metrics)
#   npm test                    the whole suite passes (build, typecheck, ESLint, Prettier check, package lint, knip, vitest)
# and nothing of this leaves the clone's tracked files changed. Uncommitted changes of the working
# tree are not in the clone: what is tested is what was committed.
#
#   scripts/clean-clone-test.sh            (run by .ci/run; reuses the npm cache)
#   KEEP_CLONE=1 scripts/clean-clone-test.sh   keeps the clone for a look
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

work="$(mktemp -d "${TMPDIR:-/tmp}/l0-clean-clone.XXXXXX")"
cleanup() {
  local status=$?
  if [ "${KEEP_CLONE:-}" = 1 ]; then echo "clean-clone-test: kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== clean-clone-test: $*"; }
started=$(date +%s)

step "clone $(git rev-parse --short HEAD) to a temporary folder"
git clone --quiet --no-hardlinks "$repo" "$work/l0"
cd "$work/l0"
git checkout --quiet "$(git -C "$repo" rev-parse HEAD)"

step "npm ci"
npm ci --no-audit --no-fund --prefer-offline
if [ -n "$(git status --porcelain)" ]; then
  echo "clean-clone-test: npm ci changed tracked files:" >&2
  git status --porcelain >&2
  exit 1
fi

step "npm pack --dry-run ships dist/ (built by prepack)"
[ ! -e dist ] || { echo "clean-clone-test: dist/ exists before the first build" >&2; exit 1; }
if ! npm pack --dry-run --json >"$work/pack.json" 2>"$work/pack.err"; then
  cat "$work/pack.err" >&2
  exit 1
fi
node -e '
  // The prepack build prints to stdout too: the JSON is the array from the last line that is "[".
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const [packed] = JSON.parse(text.slice(text.lastIndexOf("\n[\n") + 1));
  const files = packed.files.map((f) => f.path);
  const need = ["dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/testing/index.js", "LICENSE", "README.md"];
  const missing = need.filter((f) => !files.includes(f));
  if (missing.length) { console.error("clean-clone-test: the packed package lacks " + missing.join(", ")); process.exit(1); }
  console.log(`${packed.filename}: ${files.length} files, dist included`);
' "$work/pack.json"

step "npm start -- --short"
read -r metrics_port <<<"$(node scripts/free-ports.mjs 1)"
npm start -- --short --metrics-port "$metrics_port" --out "$work/telemetry.jsonl"

step "npm test"
npm test

if [ -n "$(git status --porcelain --untracked-files=all)" ]; then
  echo "clean-clone-test: the commands above left changed or untracked files:" >&2
  git status --porcelain --untracked-files=all >&2
  exit 1
fi
step "passed in $(( $(date +%s) - started ))s"
