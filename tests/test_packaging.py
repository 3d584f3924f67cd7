"""The wheel: one `foedus` namespace, data files inside, and a working CLI from a fresh venv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # setuptools reuses ./build/lib and never deletes from it: a module removed from the
    # source would still be packed.  Start from an empty build directory.
    shutil.rmtree(REPO / "build", ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        cwd=out,
    )
    (whl,) = out.glob("foedus-*.whl")
    return whl


def test_wheel_has_one_namespace_and_the_data_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"foedus", next(t for t in tops if t.endswith(".dist-info"))}, tops
    for required in (
        "foedus/ontology/foedus.ttl",
        "foedus/ontology/shapes.ttl",
        "foedus/corpus/catalogue.toml",
        "foedus/corpus/cases.toml",
        "foedus/cli.py",
    ):
        assert required in names, required
    assert any(n.startswith("foedus/ontology/queries/") and n.endswith(".rq") for n in names)
    assert any(n.startswith("foedus/annotate/data/") for n in names)
    assert not any(n.startswith("foedus/tests/") for n in names)


def test_fresh_venv_runs_help_and_a_small_build(wheel: Path, tmp_path: Path, corpus_root: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir), "platbase": str(env_dir)}))
    # Dependencies come from the test environment (appended after the venv's own
    # site-packages, without running its .pth files, so the editable foedus is not seen);
    # foedus itself comes from the wheel, unpacked into the fresh venv.
    deps = sysconfig.get_path("purelib")
    site.mkdir(parents=True, exist_ok=True)
    (site / "zz_deps.pth").write_text(deps + "\n")
    zipfile.ZipFile(wheel).extractall(site)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FOEDUS_CORPUS")}
    where = subprocess.run(
        [py, "-c", "import foedus.ingest, foedus.api; print(foedus.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(site)), where
    helped = subprocess.run(
        [py, "-m", "foedus", "--help"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert helped.returncode == 0, helped.stderr
    assert "build" in helped.stdout and "cases" in helped.stdout

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for lang in ("en", "zh"):
        (corpus / f"nato-{lang}.txt").symlink_to(corpus_root / f"corpus/treaties/{lang}/nato-1949.txt")
    catalogue = "\n".join(
        f"""
[[document]]
id = "nato-1949.{lang}"
kind = "treaty"
format = "treaty-text"
work = "nato-1949"
languages = ["{lang}"]
date = "1949-04-04"
parties = ["Q30", "Q16", "Q145", "Q142", "Q55", "Q31", "Q32", "Q20", "Q35", "Q189", "Q38", "Q45"]
articles_expected = 14
path = "nato-{lang}.txt"
title = {{ en = "North Atlantic Treaty", zh = "北大西洋公约" }}
"""
        for lang in ("en", "zh")
    )
    (corpus / "foedus-catalogue.toml").write_text(catalogue, encoding="utf-8")
    built = subprocess.run(
        [
            py,
            "-m",
            "foedus",
            "build",
            "--corpus",
            str(corpus),
            "--store",
            str(tmp_path / "store"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    summary = json.loads(built.stdout)
    assert summary["documents"] == 2 and summary["failed"] == []
    assert summary["annotations"]["OBLIGATION"]["en"] > 0 and summary["annotations"]["OBLIGATION"]["zh"] > 0
