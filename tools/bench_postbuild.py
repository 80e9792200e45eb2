"""Warm builds of the real guide in one process: the post-build steps' time and the whole build's, median.

    python tools/bench_postbuild.py [RUNS] [SITE_DIR] [--steps]

Builds RUNS + 1 times into SITE_DIR (a scratch folder; default /tmp/bench-postbuild/site) and leaves the
first, cold build out (imports, caches). Prints wall and CPU seconds of ``img_red_flags.postbuild.run``
and of the whole ``build_into``; with ``--steps``, the median CPU seconds of each step. Wall time on a
busy machine says more about the machine: compare CPU times there. A figure for reading, never asserted.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from img_red_flags import postbuild
from tools import build_site


def _median(values: list[float]) -> str:
    return f"{' '.join(f'{v:.3f}' for v in values)}  median {statistics.median(values):.3f}"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    runs = int(args[0]) if args else 5
    site = Path(args[1] if len(args) > 1 else "/tmp/bench-postbuild/site")
    post: dict[str, list[float]] = defaultdict(list)
    steps: dict[str, list[float]] = defaultdict(list)

    def timed_run(target, csp: bool = True) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        problems = []
        for step in postbuild.steps(csp):
            start = time.process_time()
            problems += step(target)
            steps[f"{step.__module__.rsplit('.', 1)[-1]}.{step.__name__}"].append(time.process_time() - start)
        post["wall"].append(time.perf_counter() - wall)
        post["cpu"].append(time.process_time() - cpu)
        if problems:
            raise postbuild.PostBuildError("\n".join(problems))

    build_site.postbuild.run = timed_run  # type: ignore[assignment]
    whole: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        build_site.build_into(site, "mkdocs.yml")
        whole["wall"].append(time.perf_counter() - wall)
        whole["cpu"].append(time.process_time() - cpu)
    print(f"post-build wall s:  {_median(post['wall'][1:])}")
    print(f"post-build CPU s:   {_median(post['cpu'][1:])}")
    print(f"whole build wall s: {_median(whole['wall'][1:])}")
    print(f"whole build CPU s:  {_median(whole['cpu'][1:])}")
    if "--steps" in argv:
        for name, values in steps.items():
            print(f"  {name:26} CPU {statistics.median(values[1:]):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
