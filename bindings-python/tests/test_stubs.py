"""The .pyi stub matches the native module (mypy.stubtest) and the package type-checks."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_stubtest() -> None:
    allow = ROOT / "stubtest-allowlist.txt"
    cmd = [sys.executable, "-m", "mypy.stubtest", "kechuang._native", "--mypy-config-file", str(ROOT / "pyproject.toml")]
    if allow.exists():
        cmd += ["--allowlist", str(allow)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_package() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "python/kechuang", "tests/test_typing_usage.py"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
