import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "plans" / "ninh-binh-2021"
SEED = ROOT.parent / "shared" / "seed"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the shipped workspace (plans/ and templates/) to change freely."""
    root = tmp_path / "ws"
    # Not the register a developer's own builds left in the checkout (git ignores it).
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


@pytest.fixture
def plan_dir(workspace: Path) -> Path:
    return workspace / "plans" / "ninh-binh-2021"


def copy_examples(root: Path) -> Path:
    """plans/ and templates/ copied under `root` (without a developer's register); returns `root`."""
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def run(*args: str):
    """Invoke the CLI as a user would; returns click's Result."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The example built once for the read-only tests."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    result = run("build", root / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    return root / "build" / "ninh-binh-2021" / "ke-hoach.docx"


def _need(*tools: str) -> None:
    """Skip with a visible reason when a tool is missing; in CI (DOCGEN_REQUIRE_LIBREOFFICE) fail."""
    import os
    import shutil as sh

    missing = [t for t in tools if not sh.which(t)]
    if missing:
        message = f"thiếu {', '.join(missing)} (apt-get install libreoffice-writer-nogui poppler-utils)"
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def office() -> None:
    _need("soffice", "pdftoppm", "pdftotext", "pdffonts", "pdfinfo")
