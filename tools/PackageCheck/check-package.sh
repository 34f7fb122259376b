#!/usr/bin/env bash
# Packs Tandem into a local feed, then does what a user does: `dotnet new console`, `dotnet add package Tandem`, and a
# Program.cs (FreshApp.cs beside this script) that uses a [Kernel], array ops, a stream object and System.IO.Stream;
# builds it with warnings as errors (the template's implicit usings and nullable on) and runs it on the CPU, and on the
# GPU when there is a Vulkan device (llvmpipe counts) or TANDEM_REQUIRE_GPU=1.
# Usage: tools/PackageCheck/check-package.sh [feed-folder]   (default: a temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed=${1:-$work/feed}
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)

dotnet pack "$root/Runtime/Tandem.Runtime.csproj" -c Release -o "$feed" -nologo -v q
# The global packages folder keeps a package by id and version: forget an earlier pack of this version.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/tandem"

cd "$work"
dotnet new console -n FreshApp -o app >/dev/null
cd app
for property in '<ImplicitUsings>enable</ImplicitUsings>' '<Nullable>enable</Nullable>'; do
    grep -q "$property" FreshApp.csproj || { echo "the console template no longer sets $property" >&2; exit 1; }
done
# Tandem from the local feed only (a package of that name elsewhere must not win), everything else as usual.
cat > nuget.config <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="tandem-local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="tandem-local"><package pattern="Tandem" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
dotnet add package Tandem >/dev/null
cp "$here/FreshApp.cs" Program.cs
dotnet build -c Release -nologo -v q -warnaserror -p:TreatWarningsAsErrors=true

expected='3,6,9,12'
devices=(cpu)
if [[ ${TANDEM_REQUIRE_GPU:-} == 1 ]] || compgen -G '/usr/share/vulkan/icd.d/*.json' >/dev/null; then
    devices+=(gpu)
fi
for device in "${devices[@]}"; do
    actual=$(dotnet bin/Release/net10.0/FreshApp.dll "$device")
    if [[ $actual != "$expected" ]]; then
        printf 'fresh app on %s printed %q, expected %s\n' "$device" "$actual" "$expected" >&2
        exit 1
    fi
    echo "fresh app with the Tandem package: $device ok"
done
