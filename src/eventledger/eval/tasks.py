"""One entry point per task (name -> run with options -> result dict -> headline numbers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventledger.eval.paths import default_paths

TASKS = ("muc4", "wikievents", "rams", "articles", "seeds", "resolution", "gva")


def run_task(
    name: str,
    *,
    path: Path | None = None,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    **kw: Any,
) -> dict[str, Any]:
    paths = default_paths()
    if name == "muc4":
        from eventledger.eval import muc4

        kw.setdefault("compare_learned", not kw.get("relevance"))
        return muc4.run(path or paths["muc4"], limit=limit, progress=progress, **kw)
    if name in ("wikievents", "rams"):
        from eventledger.eval import kairos

        return kairos.run(name, path or paths[name], limit=limit, progress=progress, **kw)
    if name == "articles":
        from eventledger.eval import articles

        if path is None:  # the default run scores both benchmarks
            kw.setdefault("wcxb_folder", paths["wcxb"] if paths["wcxb"].exists() else None)
        return articles.run(path or paths["articles"], limit=limit, **kw)
    if name == "resolution":
        from eventledger.eval import resolution

        return resolution.run({**paths, **({"muc4": path} if path else {})}, limit=limit)
    if name == "gva":
        from eventledger.eval import gva

        return gva.run(path or paths["gva"], limit=limit, progress=progress, **kw)
    if name == "seeds":
        from eventledger.eval import seeds

        return seeds.run(path or paths["seeds-gold"], kw.pop("corpus", None) or paths["seeds"])
    raise ValueError(f"unknown task '{name}': choose one of {', '.join(TASKS)}")


def headline(name: str, result: dict) -> dict[str, float]:
    if name == "muc4":
        from eventledger.eval.muc4 import headline as h

        return h(result)
    if name in ("wikievents", "rams"):
        from eventledger.eval.kairos import headline as h

        return h(name, result)
    if name == "articles":
        from eventledger.eval.articles import headline as h

        return h(result)
    if name == "resolution":
        from eventledger.eval.resolution import headline as h

        return h(result)
    if name == "gva":
        from eventledger.eval.gva import headline as h

        return h(result)
    from eventledger.eval.seeds import headline as h

    return h(result)
