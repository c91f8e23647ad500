"""The same extracts give the same output files, whatever Python's hash seed: every
choice the engines make (which half of a split person wins, which adults a child is
compared with) must not follow the order of a set or a dict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from amparo.engines.synth import synth_to_dir

_RUN = (
    "import sys; from pathlib import Path; "
    "from amparo.engines.identify import IdentifyConfig, identify_dir; "
    "identify_dir(Path(sys.argv[1]), Path(sys.argv[2]), IdentifyConfig())"
)
_OUTPUTS = ("persons.csv", "separations.csv", "review.csv", "rejected.csv")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    synth_to_dir(120, 11, folder)
    return folder


def _identify(world: Path, out: Path, hash_seed: str) -> dict[str, bytes]:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run(
        [sys.executable, "-c", _RUN, str(world), str(out)],
        check=True,
        env=environment,
        capture_output=True,
    )
    return {name: (out / name).read_bytes() for name in _OUTPUTS}


def test_output_does_not_depend_on_the_hash_seed(world: Path, tmp_path: Path) -> None:
    first = _identify(world, tmp_path / "seed-1", "1")
    second = _identify(world, tmp_path / "seed-2", "2")
    assert first["separations.csv"].count(b"\n") > 10, "the world should have separations"
    for name in _OUTPUTS:
        assert first[name] == second[name], f"{name} differs between hash seeds"
