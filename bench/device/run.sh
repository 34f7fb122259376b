#!/usr/bin/env bash
# Runs the program bench/device/prepare.sh put into .device/ on the GPU machine (from the repository's root): unpacks
# the Vulkan loader and glslc, points the loader at NVIDIA's driver, names the GPU and starts the program with the
# given arguments. Its exit status is the program's (DeviceBench exits non-zero when a benchmark's output was wrong).
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -f .device/app-name ]] || { echo "no .device/app-name: run bench/device/prepare.sh first and send .device/ along" >&2; exit 1; }
for deb in .device/debs/lib*.deb; do
  case $deb in *shaderc*) dpkg -x "$deb" /opt/glslc ;; *) dpkg -x "$deb" / ;; esac
done
dpkg -x .device/debs/glslc_*.deb /opt/glslc
ldconfig
export PATH=/opt/glslc/usr/bin:$PATH LD_LIBRARY_PATH=/opt/glslc/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[[ -f $icd ]] && export VK_DRIVER_FILES=$icd
nvidia-smi -L || true
exec ".device/app/$(cat .device/app-name)" "$@"
