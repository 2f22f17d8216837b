"""Time qcode's REFI-QDA load and save against bare lxml, in one run, and print ratios.

    python benchmarks/run.py [SOURCES SELECTIONS]      (default 200 x 250 = 50,000)

Each timing is the best of several runs after a warm-up. "lxml parse" parses the
project.qde bytes (already in memory); "qcode load" reads the whole .qdpx (unzipping,
texts, the model). "lxml serialise" writes the parsed tree to bytes; "qcode save" writes
the same project document from the model (texts go to their own files, as in the .qdpx),
and "qcode save .qdpx" also compresses it and the texts into the archive.
Peak memory is measured in child processes, as the rise of the resident set size.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import qcode
from qcode._formats import ReadOptions, WriteOptions, read, write
from qcode._formats._refi import ArchiveTexts
from qcode._formats._refi._writer import RefiWriter

sys.path.insert(0, str(Path(__file__).parent))
from generate import synthetic


def best(action: Callable[[], object], runs: int = 5) -> float:
    action()
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


_MEMORY = """
import gc, sys, zipfile
from lxml import etree
def rss():
    for line in open("/proc/self/status"):
        if line.startswith(("VmRSS", "VmHWM")):
            yield int(line.split()[1])
import qcode
from qcode._formats import read
path = sys.argv[2]
data = zipfile.ZipFile(path).read("project.qde")
gc.collect()
before = list(rss())[0]
if sys.argv[1] == "lxml":
    kept = etree.fromstring(data, etree.XMLParser(huge_tree=False))
else:
    kept = read(path).project
peak = list(rss())[1]
print((peak - before) / 1024)
"""


def peak_memory(kind: str, path: Path) -> float:
    """MiB the resident set grows by while ``kind`` holds the loaded project."""
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY, kind, str(path)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def main(sources: int, selections: int) -> dict[str, float]:
    project = synthetic(sources, selections)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qdpx"
        write(project, path)
        data = zipfile.ZipFile(path).read("project.qde")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        tree = etree.fromstring(data, parser)

        def document() -> str:
            return RefiWriter(project, file="bench", store_text=ArchiveTexts()).project_document()

        results = {
            "lxml parse": best(lambda: etree.fromstring(data, parser)),
            "qcode load": best(lambda: read(path, ReadOptions())),
            "lxml serialise": best(lambda: etree.tostring(tree, encoding="utf-8")),
            "qcode save": best(lambda: document().encode("utf-8")),
            "qcode save .qdpx": best(
                lambda: write(project, Path(folder) / "out.qdpx", WriteOptions()), 3
            ),
            "lxml tree MiB": peak_memory("lxml", path),
            "qcode model MiB": peak_memory("qcode", path),
            "project.qde MB": len(data) / 1e6,
        }
    results["load ratio"] = results["qcode load"] / results["lxml parse"]
    results["save ratio"] = results["qcode save"] / results["lxml serialise"]
    results["save .qdpx ratio"] = results["qcode save .qdpx"] / results["lxml serialise"]
    results["memory ratio"] = results["qcode model MiB"] / results["lxml tree MiB"]
    return results


if __name__ == "__main__":
    count, per_source = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (200, 250)
    print(f"qcode {qcode.__version__}: {count} sources x {per_source} coded selections")
    results = main(count, per_source)
    for key, value in results.items():
        print(f"  {key:18} {value:8.3f}")
    print(json.dumps({k: round(v, 3) for k, v in results.items()}))
