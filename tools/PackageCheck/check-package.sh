#!/usr/bin/env bash
# Packs Tandem into a local feed and checks what the package holds (the generator, the MSBuild files, the SPIR-V build
# step; no shader file beside Tandem.Runtime.dll, which carries its SPIR-V inside), then does what a user does:
# `dotnet new console`, `dotnet add package Tandem`, and a Program.cs (FreshApp.cs beside this script) that uses a
# [Kernel], array ops, a stream object and System.IO.Stream; builds it with warnings as errors (the template's implicit
# usings and nullable on), checks that the app's kernels' SPIR-V is inside FreshApp.dll, that a second build rewrites
# nothing and that the package's MSBuild properties reach the generator (TandemScalarKernelWarnings), and runs the app
# on the CPU, and on the GPU, with no glslc on PATH and an empty shader cache, when there is a Vulkan device (llvmpipe
# counts) or TANDEM_REQUIRE_GPU=1; then once more strong-name signed, where the SPIR-V goes beside the assembly.
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
package=$(ls "$feed"/Tandem.*.nupkg | head -n 1)
contents=$(unzip -Z1 "$package")
for entry in analyzers/dotnet/cs/Tandem.Generator.dll lib/net10.0/Tandem.Runtime.dll lib/net10.0/Tandem.Runtime.xml \
    build/Tandem.props build/Tandem.targets build/Tandem.Generator.props build/Tandem.Shaders.targets \
    buildTransitive/Tandem.props buildTransitive/Tandem.Generator.props tools/shaderbuild/Tandem.ShaderBuild.dll tools/shaderbuild/Mono.Cecil.dll; do
    grep -qx "$entry" <<<"$contents" || { echo "the package lacks $entry" >&2; exit 1; }
done
if grep -q '\.spirv$' <<<"$contents"; then
    echo "the package holds a shader bundle file; the assemblies must carry their SPIR-V inside" >&2
    exit 1
fi
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
build=(dotnet build -c Release -nologo -v q -warnaserror -p:TreatWarningsAsErrors=true)
"${build[@]}"

# The SPIR-V is inside the assemblies (the resource's name is in the metadata), and no bundle file lies beside them.
output=bin/Release/net10.0
for assembly in FreshApp Tandem.Runtime; do
    grep -q --binary-files=text 'Tandem\.Shaders\.spirv' "$output/$assembly.dll" || { echo "$assembly.dll carries no SPIR-V" >&2; exit 1; }
done
if compgen -G "$output/*.spirv" >/dev/null; then
    echo "the build left shader bundle files in $output: $(ls "$output"/*.spirv)" >&2
    exit 1
fi
# A second build compiles nothing and rewrites nothing.
before=$(stat -c %y obj/Release/net10.0/FreshApp.dll)
"${build[@]}"
[[ $(stat -c %y obj/Release/net10.0/FreshApp.dll) == "$before" ]] || { echo 'a second build rewrote FreshApp.dll' >&2; exit 1; }

expected='3,6,9,12'
dotnet_host=$(command -v dotnet)
devices=(cpu)
if [[ ${TANDEM_REQUIRE_GPU:-} == 1 ]] || compgen -G '/usr/share/vulkan/icd.d/*.json' >/dev/null; then
    devices+=(gpu)
fi
# Runs the app on each device; $1 names the build in the messages.
run_app() {
    for device in "${devices[@]}"; do
        # No shader compiler to find and an empty shader cache: the GPU kernels run from the SPIR-V the build compiled.
        cache="$work/shader-cache-$1-$device"
        actual=$(env -u TANDEM_GLSLC PATH="$work/no-such-directory" TANDEM_SHADER_CACHE="$cache" "$dotnet_host" "$output/FreshApp.dll" "$device")
        if [[ $actual != "$expected" ]]; then
            printf 'fresh app (%s) on %s printed %q, expected %s\n' "$1" "$device" "$actual" "$expected" >&2
            exit 1
        fi
        if [[ -d $cache ]] && [[ -n $(ls -A "$cache") ]]; then
            echo "the fresh app ($1) compiled shaders at run time on $device (into $cache)" >&2
            exit 1
        fi
        echo "fresh app with the Tandem package ($1): $device ok"
    done
}
run_app embedded

# The package's MSBuild properties reach the generator: with TandemScalarKernelWarnings, the app's scalar kernel
# (FreshKernels.Gather) is a warning, an error here.
if scalar=$("${build[@]}" -p:TandemScalarKernelWarnings=true 2>&1); then
    echo 'TandemScalarKernelWarnings=true did not turn TK0021 into a warning' >&2
    exit 1
fi
grep -q 'TK0021.*Gather' <<<"$scalar" || { echo "$scalar" >&2; exit 1; }
echo "fresh app with the Tandem package: TandemScalarKernelWarnings ok"

# A strong-name-signed assembly cannot be rewritten without breaking its signature: its SPIR-V goes beside it as
# FreshApp.spirv instead, and the app still runs its GPU kernels without glslc. (openssl writes the key as an .snk.)
openssl genrsa 1024 2>/dev/null | openssl rsa -outform MSBLOB -out "$work/key.snk" 2>/dev/null
rm -rf obj/Release/net10.0/FreshApp.dll "$output"
"${build[@]}" -p:SignAssembly=true -p:AssemblyOriginatorKeyFile="$work/key.snk"
[[ -f $output/FreshApp.spirv ]] || { echo "the signed build left no FreshApp.spirv in $output" >&2; exit 1; }
if grep -q --binary-files=text 'Tandem\.Shaders\.spirv' "$output/FreshApp.dll"; then
    echo 'the signed build rewrote FreshApp.dll' >&2
    exit 1
fi
run_app signed
