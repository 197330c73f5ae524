#!/usr/bin/env bash
# Runs every test of the toolkit (C tests and the Python module's pytest suite) through ctest.
# Usage: tools/test.sh [BUILD_DIR]   (default: build, as made by tools/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" -j"$(nproc)"
exec ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
