#!/usr/bin/env bash
# Sets up a fresh Debian machine: installs the packages the toolkit needs, builds it (warnings
# are errors) in ./build and installs the programs and the Python module under /usr/local.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
packages=$(grep -v '^#' tools/packages.txt | tr '\n' ' ')
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
cmake -S . -B build -DWERROR=ON -DPython3_EXECUTABLE=/usr/bin/python3
cmake --build build -j"$(nproc)"
as_root cmake --install build
