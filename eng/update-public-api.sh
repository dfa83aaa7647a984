#!/usr/bin/env bash
# Records every public member of the shipped packages in their PublicAPI.Unshipped.txt (RS0016, through the analyzer's
# own code fix) and drops entries for members that no longer exist (RS0017, whose message quotes the entry).
# Run after changing a public API; review the diff of the PublicAPI files before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(ls src/*/*.csproj)
fi
for project in "${projects[@]}"; do
  echo "public API: $project"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity error >/dev/null 2>&1 || true
  unshipped="$(dirname "$project")/PublicAPI.Unshipped.txt"
  dotnet build "$project" -nologo -v:q 2>&1 \
    | sed -n "s/.*error RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" \
    | sort -u | while IFS= read -r entry; do
        grep -vxF -- "$entry" "$unshipped" > "$unshipped.tmp" || true
        mv "$unshipped.tmp" "$unshipped"
      done
done
