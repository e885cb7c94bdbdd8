#!/usr/bin/env bash
# Installs the benchmark peers (networkx, igraph, rustworkx, scikit-learn, rapidfuzz, OR-Tools,
# scipy) into the project's .venv, at pinned versions that ship CPython 3.11 wheels. They are
# benchmark-only tools: they are not dependencies of the kechuang package (see
# bindings-python/pyproject.toml). Idempotent: does nothing when the pinned versions are present.
#
#   bash scripts/setup-bench.sh          # then: .venv/bin/python bindings-python/bench/peers.py --quick
set -euo pipefail
cd "$(dirname "$0")/.."

PEERS=(
  numpy==2.4.6
  scipy==1.17.1
  pandas==3.1.1
  networkx==3.6.1
  igraph==1.0.0
  rustworkx==0.18.1
  scikit-learn==1.9.1
  rapidfuzz==3.14.6
  ortools==9.15.6755
  psutil==7.2.2
)

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python - "${PEERS[@]}" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
for spec in sys.argv[1:]:
    name, want = spec.split("==")
    if version(name) != want:
        raise SystemExit(1)
PY
then
  printf '\n== setup-bench: benchmark peers into .venv\n'
  .venv/bin/python -m pip install -q --disable-pip-version-check "${PEERS[@]}"
fi
