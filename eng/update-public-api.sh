#!/usr/bin/env bash
# Records every public member of the shipped packages in their PublicAPI.Unshipped.txt (RS0016),
# and drops entries for members that no longer exist (RS0017). Run after changing a public API;
# review the diff of the PublicAPI files before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(ls src/*/*.csproj)
fi
for project in "${projects[@]}"; do
  echo "public API: $project"
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity error >/dev/null 2>&1 || true
done
