#!/usr/bin/env bash
# Brings Runtime/PublicAPI.Unshipped.txt up to date with the runtime's public API: builds the runtime, adds each member
# the public API analyzer reports as new (RS0016) and drops each it reports as gone (RS0017), in the analyzer's own
# notation; review the diff afterwards. (`dotnet format analyzers --diagnostics RS0016` does the same, but skips C# 14
# extension members.)
# Usage: tools/PublicApi/update-public-api.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
api="$root/Runtime/PublicAPI.Unshipped.txt"
shipped="$root/Runtime/PublicAPI.Shipped.txt"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build "$root/Runtime/Tandem.Runtime.csproj" -nologo -v q -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
symbols() { grep -oP "$1: Symbol '\\K.*?(?=' is (not part of the declared public API|part of the declared API, but))" "$log" | sort -u || true; }
added=$(symbols RS0016)
removed=$(symbols RS0017)

{
    echo '#nullable enable'
    {
        grep -v '^#nullable enable$' "$api" | grep -vxF -f <(printf '%s\n' "$removed") || true
        [[ -z $added ]] || printf '%s\n' "$added"
    } | sed '/^$/d' | LC_ALL=C sort -u
} >"$api.new"
mv "$api.new" "$api"
# A removed member that had shipped: the analyzer wants it marked *REMOVED* in the unshipped file.
while IFS= read -r line; do
    [[ -n $line ]] && grep -qxF "$line" "$shipped" && echo "*REMOVED*$line" >>"$api"
done <<<"$removed"
printf 'public API: %d added, %d removed\n' "$(grep -c . <<<"$added" || true)" "$(grep -c . <<<"$removed" || true)"
