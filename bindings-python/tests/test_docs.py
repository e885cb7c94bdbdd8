"""Every docstring example (Python package and native module) and every Python code block of
the READMEs runs."""

from __future__ import annotations

import doctest
import inspect
import pathlib
import re

import pytest

import kechuang
from kechuang import _frames, _native

HERE = pathlib.Path(__file__).resolve().parent
READMES = [HERE.parent / "README.md", HERE.parent.parent / "README.md"]


def _native_tests() -> list:
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = []
    for name in dir(_native):
        obj = getattr(_native, name)
        if inspect.isclass(obj) or inspect.isroutine(obj):
            tests += finder.find(obj, f"kechuang._native.{name}", globs={"kechuang": kechuang})
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    doc = getattr(member, "__doc__", None)
                    if isinstance(doc, str) and ">>>" in doc:
                        tests += finder.find(doc, f"kechuang._native.{name}.{attr}", globs={"kechuang": kechuang})
    return tests


def _python_tests() -> list:
    finder = doctest.DocTestFinder(exclude_empty=True)
    return finder.find(kechuang) + finder.find(_frames) + finder.find(kechuang.synth)


def _unique(tests: list) -> list:
    seen: dict = {}
    for t in tests:
        if t.examples:
            seen.setdefault(t.name, t)
    return sorted(seen.values(), key=lambda t: t.name)


ALL = _unique(_native_tests() + _python_tests())


def test_there_are_doc_examples() -> None:
    assert len(ALL) >= 4


@pytest.mark.parametrize("test", ALL, ids=lambda t: t.name)
def test_docstring(test: doctest.DocTest) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{test.name}: {result.failed} of {result.attempted} examples failed"


def _python_blocks(path: pathlib.Path) -> list:
    text = path.read_text(encoding="utf-8")
    if path.parent != HERE.parent:
        # the top-level README: only its Python section
        m = re.search(r"^## Python.*?(?=^## |\Z)", text, flags=re.M | re.S)
        text = m.group(0) if m else ""
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


@pytest.mark.parametrize("path", READMES, ids=lambda p: str(p.relative_to(HERE.parent.parent)))
def test_readme_python_blocks(path: pathlib.Path, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    blocks = _python_blocks(path)
    if not blocks:
        pytest.skip("no Python code blocks")
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    for i, block in enumerate(blocks):
        exec(compile(block, f"{path.name}[block {i}]", "exec"), ns)
