"""Where things are: a workspace holds plans/, templates/ and build/ side by side."""

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def stock(name: str) -> Path:
    """The shipped `templates` or `plans` folder: inside the wheel, or the source checkout."""
    for candidate in (PACKAGE_DIR / "_data" / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR / "_data" / name


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def of_plan(cls, plan_dir: Path) -> "Workspace":
        """plans/<id>/ lives in a workspace whose root is two levels up; else its parent."""
        plan_dir = plan_dir.resolve()
        if plan_dir.parent.name == "plans":
            return cls(plan_dir.parent.parent)
        return cls(plan_dir.parent)

    def template_folders(self, plan_dir: Path) -> list[Path]:
        """A plan's own templates/ first, then the workspace's, then the shipped ones."""
        folders = [plan_dir / "templates", self.root / "templates", stock("templates")]
        unique: list[Path] = []
        for folder in folders:
            if folder.resolve() not in [u.resolve() for u in unique]:
                unique.append(folder)
        return unique

    def law_dir(self) -> Path | None:
        """The workspace's own law/ folder, when it has one (else the shipped figures)."""
        return self.root / "law" if (self.root / "law").is_dir() else None

    def build_dir(self, plan_id: str) -> Path:
        return self.root / "build" / plan_id
