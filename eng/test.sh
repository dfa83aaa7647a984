#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
#   eng/test.sh                 all tests
#   eng/test.sh --filter EXPR   a dotnet test filter, e.g. "FullyQualifiedName~Claim"
# Needs: the .NET 10 SDK. Installs when missing: Debian's postgresql (initdb, pg_ctl), Debian's pgbouncer (the many-workers
# tests put it in transaction mode before a small server), Debian's chromium (the browser
# test), the npm packages of tests/interop (the real 'ai', '@letta-ai/letta-client' and 'puppeteer-core' packages the
# interop and browser tests drive, and the MCP reference servers server-everything and server-filesystem that the MCP and
# desktop-sample tests start over stdio) and those of the worker's chat page (React, @ai-sdk/react, esbuild; the build bundles it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi
}

ensure_postgresql() {
  if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return 0; fi
  say "installing PostgreSQL (Debian package postgresql)"
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || echo "could not install postgresql: PostgreSQL tests will skip (and fail under CI=true)"
}

ensure_pgbouncer() {
  if command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ]; then return 0; fi
  say "installing PgBouncer (Debian package pgbouncer)"
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null \
    || echo "could not install pgbouncer: the many-workers tests will skip (and fail under CI=true)"
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then return 0; fi
  say "installing chromium (Debian package chromium)"
  as_root apt-get update -qq >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "could not install chromium: the browser test will skip (and fail under CI=true)"
}

ensure_npm_packages() {
  local dir=$1
  [ -f "$dir/package.json" ] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: interop tests will skip (and fail under CI=true)"; return 0
  fi
  # Installed when node_modules is missing or was installed from another lock file (a stamp keeps the lock it came from).
  local stamp=$dir/node_modules/.nosis-installed-lock.json
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    say "installing npm packages in ${dir#"$root"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json "$stamp") \
      || echo "npm ci failed in ${dir#"$root"/}: the tests that need it will skip (and fail under CI=true)"
  fi
}

ensure_postgresql
ensure_pgbouncer
ensure_chromium
ensure_npm_packages "$root/tests/interop"
ensure_npm_packages "$root/samples/Nosis.AgentRuntime.Samples.WorkerHost/ClientApp"

say "building"
dotnet build Nosis.AgentRuntime.sln -c Release -nologo -v:q

say "testing"
log=$root/artifacts/test-output.log
mkdir -p "$(dirname "$log")"
set +e
dotnet test Nosis.AgentRuntime.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test assembly, in the plain form CI reads.
python3 - "$log" <<'PY'
import re, sys
totals = {"Passed": 0, "Failed": 0, "Skipped": 0}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if re.match(r"^\s*(Passed|Failed)!\s+-", line):
        for key in totals:
            m = re.search(key + r":\s+(\d+)", line)
            totals[key] += int(m.group(1)) if m else 0
print(f"Tests: {totals['Passed']} passed, {totals['Failed']} failed, {totals['Skipped']} skipped")
PY
exit $status
