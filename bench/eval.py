"""`make eval`: run every evaluation script in bench/ (eval_*.py) and print its figures.

Each eval module exposes `main() -> int` (non-zero when a target is missed).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    worst = 0
    for path in sorted(HERE.glob("eval_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # dataclasses look their module up there while it loads
        spec.loader.exec_module(module)
        print(f"== {path.stem}")
        worst = max(worst, int(module.main() or 0))
        print()
    return worst


if __name__ == "__main__":
    sys.exit(main())
