import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "plans" / "ninh-binh-2021"
SEED = ROOT.parent / "shared" / "seed"


@pytest.fixture(scope="session", autouse=True)
def compiled_code_cache(tmp_path_factory):
    """The templates' compiled code (docgen.render.compiled) kept in this run's own folder, not
    in the user's cache: every run starts without it, as a fresh machine does."""
    import os

    before = os.environ.get("DOCGEN_CACHE")
    os.environ["DOCGEN_CACHE"] = str(tmp_path_factory.mktemp("docgen-cache"))
    yield
    if before is None:
        del os.environ["DOCGEN_CACHE"]
    else:
        os.environ["DOCGEN_CACHE"] = before


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
    issue_all(root / "plans" / "ninh-binh-2021")
    return root / "build" / "ninh-binh-2021" / "ke-hoach.docx"


def build_and_issue(folder: Path, date: str = "2021-12-20") -> Path:
    """`docgen build` then `docgen issue` of the folder's drafts (none left is fine), as a clerk
    builds, has the decisions signed and the văn thư issues them; returns build/<folder>/."""
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    result = run("issue", folder, "--date", date)
    assert result.exit_code == 0 or "không có văn bản nào chờ ban hành" in result.output, result.output
    return folder.resolve().parents[1] / "build" / folder.name


def issue_all(folder: Path, date: str = "2021-12-20"):
    """The văn thư's step after signing: every document of `folder` that takes a number from the
    register is issued on `date` (the records' own date for the example), in the records' order."""
    result = run("issue", folder, "--date", date)
    assert result.exit_code == 0, result.output
    return result


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
