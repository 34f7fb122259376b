#!/usr/bin/env bash
# Prepares a .NET program of this repository to run on a GPU machine that has an NVIDIA GPU and its driver but no
# .NET, no Vulkan loader and no network: publishes it self-contained into .device/app and downloads the Debian
# packages it needs there (the Vulkan loader, glvnd, which NVIDIA's Vulkan driver needs, and glslc) into .device/debs.
# .device/ is git-ignored; send it along with the tree, then on the GPU machine run bench/device/run.sh.
#
#   usage: bench/device/prepare.sh path/to/App.csproj [--no-trim]
set -euo pipefail
project=${1:?usage: bench/device/prepare.sh path/to/App.csproj [--no-trim]}
trim=true
[[ ${2:-} == --no-trim ]] && trim=false
cd "$(git rev-parse --show-toplevel)"
mkdir -p .device/debs
rm -rf .device/app

# amd64 packages, downloaded with the ordinary apt client into a private list folder (the system's lists stay as they are).
lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
apt_options=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
if ! ls .device/debs/libvulkan1_*.deb >/dev/null 2>&1; then
  mkdir -p "$lists/partial"
  apt-get "${apt_options[@]}" update -qq
  (cd .device/debs && apt-get "${apt_options[@]}" download -qq libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 glslc libshaderc1)
fi

dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=$trim -p:TrimmerSingleWarn=true \
  -o .device/app -v quiet -nologo
app=$(basename "$project" .csproj)
[[ -x .device/app/$app ]] || { echo "no executable .device/app/$app after publish" >&2; exit 1; }
echo "$app" > .device/app-name
echo "prepared .device ($(du -sm .device | cut -f1) MiB; at most 64 MiB can be sent, the rest of the tree included)"
echo "on the GPU machine, from the repository's root: bash bench/device/run.sh <the app's arguments>"
