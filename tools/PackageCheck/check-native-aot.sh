#!/usr/bin/env bash
# Publishes the main sample (samples/UnifiedMemory) as a NativeAOT executable (Debian's clang and zlib1g-dev link it;
# any trimming or AOT warning fails the publish, warnings being errors) and runs it on the CPU, then on the GPU when
# there is a Vulkan device (llvmpipe counts) or TANDEM_REQUIRE_GPU=1, with no glslc on PATH and an empty shader
# cache, so its kernels run from the SPIR-V embedded in the assemblies (no bundle file may lie beside the executable);
# the sample exits non-zero when the configurations' results differ.
# Usage: tools/PackageCheck/check-native-aot.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish "$root/samples/UnifiedMemory" -c Release -o "$out/bin" -nologo -v q
if compgen -G "$out/bin/*.spirv" >/dev/null; then
    echo "the publish left shader bundle files beside the executable: $(ls "$out"/bin/*.spirv)" >&2
    exit 1
fi
sample=("$out/bin/UnifiedMemory" --runs 1 --warmup 1 --exp 50)

"${sample[@]}" --only cpu1,cpu2
echo "NativeAOT sample: cpu ok"

if [[ ${TANDEM_REQUIRE_GPU:-} == 1 ]] || compgen -G '/usr/share/vulkan/icd.d/*.json' >/dev/null; then
    cache="$out/shader-cache"
    log=$(env -u TANDEM_GLSLC PATH="$out/no-such-directory" TANDEM_SHADER_CACHE="$cache" "${sample[@]}" --only gpu,mixed,cpu1) || { echo "$log" >&2; exit 1; }
    if [[ -d $cache ]] && [[ -n $(ls -A "$cache") ]]; then
        echo "the NativeAOT sample compiled shaders at run time (into $cache)" >&2
        exit 1
    fi
    echo "$log"
    # Without a usable GPU the sample leaves its GPU configurations out: that must fail here, not pass.
    grep -q 'all on GPU' <<<"$log" || { echo 'the NativeAOT sample found no GPU' >&2; exit 1; }
    echo "NativeAOT sample: gpu ok"
fi
