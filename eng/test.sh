#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
#   eng/test.sh                 all tests
#   eng/test.sh --filter EXPR   a dotnet test filter, e.g. "FullyQualifiedName~Claim"
# Needs: the .NET 10 SDK. Installs when missing: Debian's postgresql (initdb, pg_ctl) and the npm packages of
# tests/interop (the real 'ai' and '@letta-ai/letta-client' packages the interop tests drive).
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

ensure_npm_packages() {
  local dir=$root/tests/interop
  [ -f "$dir/package.json" ] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: interop tests will skip (and fail under CI=true)"; return 0
  fi
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages for the interop tests"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed: interop tests will skip (and fail under CI=true)"
  fi
}

ensure_postgresql
ensure_npm_packages

say "building"
dotnet build Nosis.AgentRuntime.sln -c Release -nologo -v:q

say "testing"
results=$root/artifacts/test-results
rm -rf "$results"
status=0
dotnet test Nosis.AgentRuntime.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line over every test assembly, in the plain form CI reads.
if ls "$results"/*.trx >/dev/null 2>&1; then
  python3 - "$results" <<'PY'
import glob, re, sys
totals = {"passed": 0, "failed": 0, "skipped": 0}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"<Counters [^>]*>", text)
    if not m:
        continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    totals["passed"] += int(c.get("passed", 0))
    totals["failed"] += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    totals["skipped"] += int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
print(f"Tests: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
PY
fi
exit $status
