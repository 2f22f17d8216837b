"""Time qcode's REFI-QDA load and save against bare lxml, in one run, and print ratios.

    python benchmarks/run.py [SOURCES SELECTIONS [RUNS]] [--million]
    (default 200 x 250 = 50,000; 5 runs; ``make bench MILLION=1`` adds --million,
    ``RUNS=3`` sets the runs)

Every timing is taken in a fresh Python process, as a command-line conversion would run:
the process first reads and writes a small project (so that imports and caches are warm),
then times one operation once, keeping its result. The best of RUNS such processes is
reported. Fresh processes keep the operations from inheriting each other's heap: timed one
after another in a single process, whichever follows a large free finds its memory already
mapped, and the ratios swing by a third either way.

- lxml parse: ``etree.fromstring`` of the project.qde bytes (already in memory).
- qcode load: `qcode.read` of the whole .qdpx (unzipping, parsing, texts, the model).
- load floor: the least a Python loader of qcode's model can do, for comparison: unzip,
  parse in steps as qcode does, and per selection build only its `Excerpt`, `TextSpan`,
  `Coding` and two ids from the elements, with no checks, texts, audits or reports (the
  model's field validators paused, its converters run, as in qcode's readers).
- lxml serialise: ``etree.tostring`` of the parsed tree.
- qcode save: the same project.qde written from the model (texts go to their own files, as
  in the .qdpx) and encoded.
- qcode save .qdpx: `qcode.write` of the archive, which also validates the project (its
  errors go into the report), compresses the document and
  the texts.
- json parse / qcode load .json: ``json.loads`` of the same project in qcode's JSON format,
  against `qcode.loads` of that text (which also checks it and builds the model).
- json serialise / qcode save .json: ``json.dumps`` of the parsed document as qcode writes
  it (two-space indent), against `qcode.dumps` from the model.
- builder round trip, 1,000 recodes, remove a code: changing the loaded project, against
  its load time: `ProjectBuilder.from_project` and `build` with no change; 1,000 `recode`
  calls (each adds one code to an excerpt and removes another); `remove` of the code
  applied to every tenth selection (10 % of the codings), then `build`.
- agree nvivo, agree alpha: the loaded project coded again by a second coder
  (`generate.second_coder`: 100,000 codings in all), then `qcode.agreement.nvivo` and
  `qcode.agreement.alpha` for every code and source, against the load time.
- regions load, agree regions: a project of as many pictures as the first has sources,
  each with as many rectangles as a source has selections, coded by two coders
  (`generate.pictures`): `qcode.loads` of its JSON, and `qcode.agreement.nvivo` over its
  areas (a sweep over each code's rectangles per picture), against that load.
- qcode report: `qcode.report` of the loaded project (the whole HTML page), against its
  load time.

- table ...: each table of `qcode.analysis` (options as `TABLES` gives them) on the loaded
  project, against its load time; each must cost at most the load. The project has a theme
  per ten codes and a participant per source with a ``Group`` variable.

Peak memory is the rise of the resident set while each holds the loaded project.

- model walk: a loop over the loaded project reaching every excerpt, its anchor and its
  codings, the least any table must do, against the load time.
- row floor: a row of the segments table's width per selection, each with a new id text and
  three new slices of its source's text (the table's text and 40 characters either side),
  made without reading the selections: the least a table with a row per segment must make.

Each table (and each floor) is made three times in its process: the first call is the one
reported; "best of 3" is the best of the three, whose memory the first call has already
had from the system (on a virtual machine, memory the process has never touched can cost
several times more than memory it has).

With ``--million`` the tables are also made on the 1,000,000-selection project
(`generate.MILLION`: 4,000 sources of 250), in as many rounds of fresh processes as the
first project's, so that both sizes are the best of as many tries (one round takes about
seven minutes): each time against the same table's on the first project (at most 20
times), the first call against the first calls and the best of three against the best of
three, and the highest peak resident set of the processes that load the project and make
the table (under 8 GB). The
model walk, the row floor and the load (the best of those processes' loads) are given the
same way: their 1M / 50k ratios show how the machine's caches and memory treat a twenty
times larger model and result, which no table can beat.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

import qcode

sys.path.insert(0, str(Path(__file__).parent))
from generate import MILLION, pictures, synthetic

_CHILD = """
import gc, json, sys, time, zipfile
from pathlib import Path
from lxml import etree
import qcode
from qcode._formats import read, write
from qcode._bulk import reading
from qcode._formats._base import checked_uuid
from qcode._formats._refi import ArchiveTexts
from qcode._formats._refi._write import RefiWriter

operation, path, small = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
EDITS = ("builder round trip", "1,000 recodes", "remove a code")
warm = read(small).project  # imports and caches, on a small project
write(warm, small.with_name("warm.qdpx"))
qcode.loads(qcode.dumps(warm))
data = zipfile.ZipFile(path).read("project.qde")
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
text = path.with_suffix(".json").read_text("utf-8")

def floor():
    P = "{urn:QDA-XML:project:1.0}"
    whole = zipfile.ZipFile(path).read("project.qde")
    steps = etree.XMLPullParser(events=("end",), tag=P + "TextSource")
    built = []
    for offset in range(0, len(whole), 1 << 16):
        steps.feed(whole[offset : offset + (1 << 16)])
        for _, source in steps.read_events():
            for item in source.iterchildren(P + "PlainTextSelection"):
                get, coding = item.get, item[0]
                start, end = int(get("startPosition")), int(get("endPosition"))
                found = qcode.Coding(
                    id=checked_uuid(coding.get("guid")),
                    code=checked_uuid(coding[0].get("targetGUID")),
                )
                built.append(
                    qcode.Excerpt(
                        id=checked_uuid(get("guid")),
                        anchor=qcode.TextSpan(start, end),
                        codings=(found,),
                    )
                )
            source.clear()
    steps.close()
    return built

if operation == "json parse":
    action = lambda: json.loads(text)
elif operation == "qcode load .json":
    action = lambda: qcode.loads(text)
elif operation == "json serialise":
    document = json.loads(text)
    action = lambda: json.dumps(document, indent=2, ensure_ascii=False)
elif operation == "qcode save .json":
    project = qcode.loads(text)
    action = lambda: qcode.dumps(project)
elif operation == "lxml serialise":
    tree = etree.fromstring(data, parser)
    action = lambda: etree.tostring(tree, encoding="utf-8")
elif operation == "lxml parse":
    action = lambda: etree.fromstring(data, parser)
elif operation == "qcode load":
    action = lambda: read(path)
elif operation in EDITS:
    project = read(path).project
    builder = qcode.ProjectBuilder.from_project(project)
    if operation == "builder round trip":
        action = lambda: qcode.ProjectBuilder.from_project(project).build()
    elif operation == "1,000 recodes":
        excerpts = [e for _, e in project.iter_excerpts()][:1000]
        codes = project.codes
        def action():
            for n, excerpt in enumerate(excerpts):
                builder.recode(excerpt, add=[codes[n % 100]], remove=[excerpt.codings[0].code])
    else:
        action = lambda: (builder.remove(project.codes[0]), builder.build())
elif operation in ("agree nvivo", "agree alpha"):
    sys.path.insert(0, sys.argv[4])
    from generate import second_coder
    from qcode import agreement
    two = second_coder(read(path).project)
    measure = agreement.nvivo if operation == "agree nvivo" else agreement.alpha
    action = lambda: measure(two)
elif operation in ("regions load", "agree regions"):
    from qcode import agreement
    pictures = path.with_name("pictures.json").read_text("utf-8")
    if operation == "regions load":
        action = lambda: qcode.loads(pictures)
    else:
        coded = qcode.loads(pictures)
        action = lambda: agreement.nvivo(coded)
elif operation == "qcode report":
    project = read(path).project
    action = lambda: qcode.report(project)
elif operation == "load floor":
    def action():
        with reading():  # model checks paused, as qcode's readers pause them
            return floor()
else:
    project = read(path).project
    if operation == "qcode save":
        action = lambda: RefiWriter(
            project, file="bench", store_text=ArchiveTexts()
        ).project_document().encode("utf-8")
    else:
        action = lambda: write(project, path.with_name("out.qdpx"))
gc.collect()
start = time.perf_counter()
kept = action()
print(time.perf_counter() - start)
"""

_MEMORY = """
import gc, sys, zipfile
from lxml import etree
from qcode._formats import read
def status(key):  # VmRSS: resident now; VmHWM: the peak since the last reset (KiB)
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
path = sys.argv[2]
data = zipfile.ZipFile(path).read("project.qde")
gc.collect()
with open("/proc/self/clear_refs", "w") as reset:
    reset.write("5")  # the peak starts again from what is resident now
before = status("VmRSS")
if sys.argv[1] == "lxml":
    kept = etree.fromstring(data, etree.XMLParser(huge_tree=False))
else:
    kept = read(path).project
print((status("VmHWM") - before) / 1024)
"""

_TABLE = """
import gc, json, resource, sys, time
from qcode import analysis
from qcode._bulk import bulk
from qcode._formats import read
name, options, path, small = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]

def walk(project):
    # What every table must at least do: reach each excerpt, its anchor and its codings.
    total = 0
    for source in project.sources:
        for excerpt in source.excerpts:
            total += type(excerpt.anchor) is not None
            for coding in excerpt.codings:
                total += coding.code is not None
    return total

def rows(project):
    # What a table with a row per coded segment must at least make, without reading the
    # selections: for each, a row as wide as the segments table's (17 cells) holding a new
    # 36-character id and three new slices of its source's text (65 characters, then 40
    # either side, as the table's text and context), the collector paused as the tables
    # pause it.
    made = []
    with bulk():
        for source in project.sources:
            text, count = source.text or "", len(source.excerpts)
            step = max(1, len(text) // max(1, count))
            for n in range(count):
                at, to = n * step, n * step + 65
                made.append((
                    "code", "path", "name", "%036x" % len(made), "source", "name", "text",
                    "text", (), (), "TextSpan", "characters", at, to, text[at:to],
                    text[max(0, at - 40):at], text[to:to + 40],
                ))
    return made

make = {"walk": walk, "rows": rows}.get(name) or getattr(analysis, name)
make(read(small).project, **options)  # imports and caches, on a small project
start = time.perf_counter()
project = read(path).project
loaded = time.perf_counter() - start
gc.collect()
times = []
for _ in range(3):  # the first call, then two more on memory the first has had
    start = time.perf_counter()
    kept = make(project, **options)
    times.append(time.perf_counter() - start)
    del kept
print(times[0], min(times), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, loaded)
"""

TABLES: dict[str, tuple[str, dict[str, object]]] = {
    "table frequencies": ("frequencies", {}),
    "table frequencies by case": ("frequencies", {"by": "case"}),
    "table segments": ("segments", {"context": 40}),
    "table co-occurrence": ("cooccurrence", {}),
    "table co-occurrence overlap": ("cooccurrence", {"mode": "overlap", "per_source": True}),
    "table co-occurrence proximity": ("cooccurrence", {"mode": "proximity", "within": 20}),
    "table matrix": ("matrix", {"themes": True, "by": "variable:Group"}),
    "table framework": ("framework", {}),
    "table cases": ("cases", {}),
}
"""Each table the benchmark makes: the `qcode.analysis` function and its options."""
_WALK = "model walk"
"""Not a table: a loop reaching every excerpt, anchor and coding, the least any table does;
its 1M / 50k ratio shows what the machine's memory makes of a walk over a twenty times
larger model."""
_ROWS = "row floor"
"""Not a table: rows of the segments table's shape, one per selection, made without reading
the selections, the least a table with a row per segment makes; its 1M / 50k ratio shows
what the machine's memory makes of a twenty times larger result."""
_FLOORS = {_WALK: "walk", _ROWS: "rows"}

_AGREE = ("agree nvivo", "agree alpha")
_REGIONS = ("regions load", "agree regions")
OPERATIONS = (
    *("lxml parse", "qcode load", "load floor"),
    *("lxml serialise", "qcode save", "qcode save .qdpx"),
    *("json parse", "qcode load .json", "json serialise", "qcode save .json"),
    *("builder round trip", "1,000 recodes", "remove a code"),
    *_AGREE,
    *_REGIONS,
    "qcode report",
)


def child(script: str, *arguments: str) -> float:
    return outputs(script, *arguments)[0]


def outputs(script: str, *arguments: str) -> list[float]:
    """The numbers ``script`` prints, run in a fresh Python process."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=True
    )
    return [float(number) for number in done.stdout.split()]


def table(operation: str, path: Path, small: Path) -> list[float]:
    """A table's first time in a fresh process and its best of three there, the peak
    resident MiB of the process that loaded and made it, and that process's load time."""
    name, options = TABLES[operation] if operation in TABLES else (_FLOORS[operation], {})
    return outputs(_TABLE, name, json.dumps(options), str(path), str(small))


def main(sources: int, selections: int, runs: int = 5) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path, small = Path(folder) / "bench.qdpx", Path(folder) / "small.qdpx"
        project = synthetic(sources, selections)
        qcode.write(project, path)
        qcode.dump(project, path.with_suffix(".json"))
        del project
        qcode.dump(pictures(sources, selections), path.with_name("pictures.json"))
        qcode.write(synthetic(2, 10), small)
        times: dict[str, list[float]] = defaultdict(list)
        for _ in range(runs):  # round by round, so that a slow spell hits every operation
            for operation in OPERATIONS:
                times[operation].append(
                    child(_CHILD, operation, str(path), str(small), str(Path(__file__).parent))
                )
            for operation in (*TABLES, *_FLOORS):
                first, best, *_ = table(operation, path, small)
                times[operation].append(first)
                times[f"{operation} best of 3"].append(best)
        results = {operation: min(found) for operation, found in times.items()}
        results["lxml tree MiB"] = child(_MEMORY, "lxml", str(path))
        results["qcode model MiB"] = child(_MEMORY, "qcode", str(path))
        results["project.qde MB"] = len(zipfile.ZipFile(path).read("project.qde")) / 1e6
    results["load ratio"] = results["qcode load"] / results["lxml parse"]
    results["load floor ratio"] = results["load floor"] / results["lxml parse"]
    results["save ratio"] = results["qcode save"] / results["lxml serialise"]
    results["save .qdpx ratio"] = results["qcode save .qdpx"] / results["lxml serialise"]
    results["memory ratio"] = results["qcode model MiB"] / results["lxml tree MiB"]
    results["json load ratio"] = results["qcode load .json"] / results["json parse"]
    results["json save ratio"] = results["qcode save .json"] / results["json serialise"]
    for edit in ("builder round trip", "1,000 recodes", "remove a code", *_AGREE, "qcode report"):
        results[f"{edit} / load"] = results[edit] / results["qcode load"]
    results["agree regions / load"] = results["agree regions"] / results["regions load"]
    for operation in (*TABLES, *_FLOORS):
        results[f"{operation} / load"] = results[operation] / results["qcode load"]
    return results


def million(small_results: dict[str, float], runs: int) -> dict[str, float]:
    """Every table on the 1,000,000-selection project, in ``runs`` rounds of fresh processes
    like the first project's (so that both sizes are the best of as many tries): its time
    against the same table's in ``small_results``, and the highest peak resident MiB of its
    processes; the model walk, the row floor and the load (the best of every process's load)
    likewise, as yardsticks."""
    times: dict[str, list[float]] = defaultdict(list)
    peaks: dict[str, float] = {}
    loads = []
    with tempfile.TemporaryDirectory() as folder:
        path, small = Path(folder) / "million.qdpx", Path(folder) / "small.qdpx"
        script = Path(__file__).with_name("generate.py")
        subprocess.run([sys.executable, str(script), *map(str, MILLION), str(path)], check=True)
        qcode.write(synthetic(2, 10), small)
        for _ in range(runs):
            for operation in (*_FLOORS, *TABLES):
                first, best, peak, loaded = table(operation, path, small)
                loads.append(loaded)
                times[operation].append(first)
                times[f"{operation} best of 3"].append(best)
                peaks[operation] = max(peak, peaks.get(operation, 0.0))
    results: dict[str, float] = {}
    for operation in (*_FLOORS, *TABLES):
        first, best = min(times[operation]), min(times[f"{operation} best of 3"])
        results[f"{operation} 1M"] = first
        results[f"{operation} 1M / 50k"] = first / small_results[operation]
        results[f"{operation} 1M best of 3 / 50k"] = best / small_results[f"{operation} best of 3"]
        results[f"{operation} 1M peak MiB"] = peaks[operation]
    results["qcode load 1M"] = min(loads)
    results["qcode load 1M / 50k"] = min(loads) / small_results["qcode load"]
    return results


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--million"]
    count, per_source = (int(a) for a in arguments[:2]) if len(arguments) > 1 else (200, 250)
    runs = int(arguments[2]) if len(arguments) > 2 else 5
    print(f"qcode {qcode.__version__}: {count} sources x {per_source} coded selections")
    results = main(count, per_source, runs)
    if "--million" in sys.argv:
        results |= million(results, runs)
    for key, value in results.items():
        print(f"  {key:40} {value:9.4f}")
    print(json.dumps({k: round(v, 4) for k, v in results.items()}))
