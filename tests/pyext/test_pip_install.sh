#!/usr/bin/env bash
# `pip install --no-build-isolation .` (issue 3): pip builds the kcs module from setup.py with
# Debian's setuptools (no network, no index) into a scratch target, from a copy of the sources
# (pip writes its build files beside them); the module is then imported and makes a round trip
# that the CLI's decoder agrees with.
# Usage: test_pip_install.sh PYTHON SOURCE_DIR KCS_DECODE
set -euo pipefail
py=${1:?usage: test_pip_install.sh PYTHON SOURCE_DIR KCS_DECODE} src=${2:?} decode=${3:?}
if ! "$py" -m pip --version > /dev/null 2>&1; then
  echo "SKIP: pip is not installed for $py"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree/src"
cp "$src/setup.py" "$src/pyproject.toml" "$tmp/tree/"
cp -r "$src/src/kcs" "$src/src/pyext" "$tmp/tree/src/"
(cd "$tmp/tree" && PIP_BREAK_SYSTEM_PACKAGES=1 "$py" -m pip install -q --no-build-isolation --no-deps --no-index \
  --target "$tmp/site" . > "$tmp/pip.log" 2>&1) || { cat "$tmp/pip.log"; echo "FAIL: pip install"; exit 1; }
PYTHONPATH="$tmp/site" "$py" - "$tmp" "$decode" <<'PY'
import os, random, subprocess, sys
import kcs
tmp, decode = sys.argv[1], sys.argv[2]
assert kcs.__file__.startswith(os.path.join(tmp, "site")), kcs.__file__
data = bytes(random.Random(7).randrange(256) for _ in range(300))
wav = kcs.kcs_encode(data, leader=0.5, trailer=0.2)
assert kcs.kcs_decode(wav) == data, "round trip through the pip-built module"
path = os.path.join(tmp, "t.wav")
open(path, "wb").write(wav)
assert subprocess.run([decode, "--quiet", path], capture_output=True, check=True).stdout == data, "the CLI agrees"
print(f"pip-built kcs {kcs.__version__}: round trip of {len(data)} bytes, the CLI agrees")
PY
