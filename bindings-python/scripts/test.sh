#!/usr/bin/env bash
# Builds the Python extension in the repository's .venv and runs the whole Python test suite:
# pytest with warnings as errors (including mypy.stubtest of kechuang._native, docstring and
# README examples, the cross-language fixtures and the notebook executed headless).
#
# Run from the repository root:  bindings-python/scripts/test.sh [extra pytest args]
# Idempotent: creates .venv if missing and installs only what is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
py="$venv/bin/python"

need=(maturin==1.16.0 pytest mypy numpy scipy pandas networkx matplotlib nbclient nbformat ipykernel "dask[dataframe]>=2024.1" "distributed>=2024.1")
if ! "$py" -c 'import maturin, pytest, mypy, numpy, scipy, pandas, networkx, matplotlib, nbclient, nbformat, ipykernel, dask.dataframe, distributed' 2>/dev/null; then
    "$py" -m pip install --quiet --disable-pip-version-check "${need[@]}"
fi

# maturin develop finds the venv through VIRTUAL_ENV
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
(cd bindings-python && "$venv/bin/maturin" develop --quiet)

# the notebook kernel must be this venv's python
"$py" -m ipykernel install --sys-prefix --name python3 >/dev/null 2>&1 || true

cd bindings-python
"$py" -m pytest -W error -q tests "$@"
