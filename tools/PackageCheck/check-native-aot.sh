#!/usr/bin/env bash
# Publishes the main sample (samples/UnifiedMemory) as a NativeAOT executable (Debian's clang and zlib1g-dev link it;
# any trimming or AOT warning fails the publish, warnings being errors) and runs it on the CPU, then on the GPU when
# there is a Vulkan device (llvmpipe counts) or TANDEM_REQUIRE_GPU=1; the sample exits non-zero when the
# configurations' results differ.
# Usage: tools/PackageCheck/check-native-aot.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish "$root/samples/UnifiedMemory" -c Release -o "$out" -nologo -v q
sample=("$out/UnifiedMemory" --runs 1 --warmup 1 --exp 50)

"${sample[@]}" --only cpu1,cpu2
echo "NativeAOT sample: cpu ok"

if [[ ${TANDEM_REQUIRE_GPU:-} == 1 ]] || compgen -G '/usr/share/vulkan/icd.d/*.json' >/dev/null; then
    log=$("${sample[@]}" --only gpu,mixed,cpu1) || { echo "$log" >&2; exit 1; }
    echo "$log"
    # Without a usable GPU the sample leaves its GPU configurations out: that must fail here, not pass.
    grep -q 'all on GPU' <<<"$log" || { echo 'the NativeAOT sample found no GPU' >&2; exit 1; }
    echo "NativeAOT sample: gpu ok"
fi
