"""``python -m benchmarks.crowd --sessions 200``: a crowd of readers that costs little to simulate, on 1 app process
and on N behind nginx (``deploy.cluster``), in one run. Writes its section of BENCHMARKS.md (between
``<!-- crowd:begin -->`` and ``<!-- crowd:end -->``; ``python -m benchmarks`` keeps it).

Each reader is a Locust user of our own (:class:`Reader`) that speaks Streamlit's protocol over the websocket, as
the front end does, with no browser: it loads the page's HTML (nginx's sticky cookie comes with it), opens
``/_stcore/stream``, sends a ``BackMsg`` with ``rerun_script`` for its page and reads ``ForwardMsg``s until
``script_finished``; then, after a moment's reading, it switches page or changes a picker (the query string, as a
shared link does) and leaves. A reader whose websocket breaks (its process was killed) does what Streamlit's front
end does: it connects again, with the same cookie, and reruns the page and query it was on.

Measured: page times (p50, p95, p99) and errors, the sessions per second held with p95 ≤ 2 s (arrival rates in
steps), 40 readers arriving together, one process killed halfway through, the memory (RSS, psutil) of each process
with 100 sessions open, and the bytes nginx sends for the overview's HTML, JS and CSS. Nothing here is a test.
"""

from __future__ import annotations

# Locust patches the standard library for gevent as it is imported, so it comes first: the websocket below is
# blocking code, which gevent makes cooperative (thousands of readers in one process).
from locust import User, constant_pacing, events, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import contextlib
import os
import random
import re
import signal
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import gevent
import gevent.event
import psutil

from benchmarks.crowd_protocol import PageError, Session, SessionLost, html_cookie, read_page
from deploy import cluster
from devtools.server import Server
from etl.paths import ROOT

BEGIN, END = "<!-- crowd:begin -->", "<!-- crowd:end -->"
P95_HELD = 2.0  # seconds: a rate is held while the page times' p95 stays under this
# Arrival rates stepped through: fine enough around one process's ceiling (12–16 /s on 2 cores) that the ratio is not
# the grid's, and past two processes' (a run that stopped at 16 /s could not tell 1.7× apart).
RATES = "2,4,8,12,14,16,18,20,22,24,28"
# Where a reader from a shared link lands, and what it does next: another page, or a picker changed in the address.
LANDINGS = [("", ""), ("", ""), ("map", ""), ("senate-vote", ""), ("timeline", "")]
NEXT = [
    ("map", "show=not-considered"),
    ("map", "show=participant"),
    ("senate-vote", "state=CA"),
    ("senate-vote", "state=NY"),
    ("timeline", "event=baltimore-joins-psp"),
    ("article", "entity=san-bernardino-ca"),
    ("map", ""),
    ("", ""),
]


@dataclass
class Tally:
    """What one scenario's readers saw."""

    pages: list[float] = field(default_factory=list)  # seconds per page run (the first includes connecting)
    errors: list[str] = field(default_factory=list)
    recoveries: list[float] = field(default_factory=list)  # seconds from a broken websocket to the page again
    lost: int = 0  # readers who could not be served again
    started: int = 0
    done: int = 0


TALLY = Tally()


@dataclass
class Plan:
    """What the readers of one scenario do."""

    base: str
    think: tuple[float, float] = (1.0, 3.0)  # seconds on the first page before the next
    second: bool = True  # switch page or change a picker after the first
    landing: tuple[str, str] | None = None  # every reader lands here (None: LANDINGS at random)
    hold: gevent.event.Event | None = None  # keep the session open until this is set (the memory scenario)


PLAN = Plan("")


def _record(env, name: str, seconds: float, size: int, exc: Exception | None) -> None:
    env.events.request.fire(
        request_type="WS", name=name, response_time=seconds * 1000, response_length=size, exception=exc, context={}
    )


class Reader(User):
    """A reader who opens the dashboard from a shared link, reads a page, goes on to one more, and leaves. One
    session each: the pacing is longer than any scenario, so the arrival rate is the spawn rate."""

    wait_time = constant_pacing(3600)

    @task
    def read(self) -> None:
        plan, rng = PLAN, random.Random()
        TALLY.started += 1
        try:
            landing = plan.landing or rng.choice(LANDINGS)
            cookie = html_cookie(plan.base, landing[0])
            conn = Session(plan.base, cookie)
            conn = self._page(conn, plan.base, cookie, *landing)
            if plan.second:
                gevent.sleep(rng.uniform(*plan.think))
                conn = self._page(conn, plan.base, cookie, *rng.choice(NEXT))
            if plan.hold is not None:
                plan.hold.wait()
            conn.close()
        except Exception as exc:  # one reader's failure is a number in the report, never the end of the run
            TALLY.errors.append(f"{type(exc).__name__}: {exc}"[:300])
        finally:
            TALLY.done += 1

    def _page(self, conn: Session, base: str, cookie: str, page: str, query: str) -> Session:
        """One page run, timed (:func:`read_page`: when the websocket breaks, it connects again and reruns it)."""
        started = time.perf_counter()
        try:
            conn, served = read_page(conn, base, cookie, page, query)
        except PageError as exc:
            _record(self.environment, page or "overview", time.perf_counter() - started, 0, exc)
            raise
        except SessionLost:
            TALLY.lost += 1
            raise
        if served.recovered_after is not None:
            TALLY.recoveries.append(served.recovered_after)
        took = time.perf_counter() - started
        TALLY.pages.append(took)
        _record(self.environment, page or "overview", took, len(served.body), None)
        return conn


def crowd(plan: Plan, readers: int, rate: float, timeout: float = 600, during=None) -> Tally:
    """``readers`` readers arriving ``rate`` a second, until every one has left; ``during(elapsed)`` is called
    every half second (the kill scenario)."""
    global PLAN, TALLY
    PLAN, TALLY = plan, Tally()
    env = Environment(user_classes=[Reader], events=events, host=plan.base)
    runner = env.create_local_runner()
    started = time.monotonic()
    runner.start(readers, spawn_rate=rate)
    while TALLY.done < readers and time.monotonic() - started < timeout:
        gevent.sleep(0.5)
        if during is not None:
            during(time.monotonic() - started)
    runner.quit()
    if TALLY.done < readers:
        TALLY.errors.append(f"{readers - TALLY.done} readers still waiting after {timeout:.0f} s")
    return TALLY


def pct(xs: list[float], q: float) -> float:
    """The q-th percentile (nearest rank): of few samples, an observed time, never one between two."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


def rss_mb(pids: list[int]) -> list[float]:
    out = []
    for pid in pids:
        try:
            out.append(psutil.Process(pid).memory_info().rss / 2**20)
        except psutil.Error:
            out.append(float("nan"))
    return out


def cpu_s(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


@dataclass
class Target:
    """One way of serving: 1 process (``make run``'s server) or N behind nginx."""

    name: str
    base: str
    app_pids: list[int]
    nginx_pid: int | None = None


@dataclass
class Row:
    scenario: str
    target: str
    readers: int
    rate: float
    tally: Tally
    seconds: float
    rss: list[float]
    cpu: dict[str, float]  # CPU seconds over the scenario: apps, nginx, the crowd itself


def measure(target: Target, scenario: str, plan: Plan, readers: int, rate: float, during=None) -> Row:
    me = os.getpid()
    first = {pid: cpu_s([pid]) for pid in target.app_pids}
    last = dict(first)  # each app's CPU when last seen alive: a killed one keeps what it used

    def tick(elapsed: float) -> None:
        last.update({pid: s for pid in target.app_pids if (s := cpu_s([pid])) > 0})
        if during is not None:
            during(elapsed)

    before = {"nginx": _nginx_cpu(target), "crowd": cpu_s([me])}
    started = time.monotonic()
    tally = crowd(plan, readers, rate, during=tick)
    seconds = time.monotonic() - started
    last.update({pid: s for pid in target.app_pids if (s := cpu_s([pid])) > 0})
    after = {"nginx": _nginx_cpu(target), "crowd": cpu_s([me])}
    before["apps"], after["apps"] = sum(first.values()), sum(last.values())
    row = Row(scenario, target.name, readers, rate, tally, seconds, rss_mb(target.app_pids), {})
    row.cpu = {k: after[k] - before[k] for k in before}
    print(f"  {_line(row)}", file=sys.stderr, flush=True)
    return row


def _nginx_cpu(target: Target) -> float:
    if target.nginx_pid is None:
        return 0.0
    try:
        proc = psutil.Process(target.nginx_pid)
        return cpu_s([proc.pid, *(c.pid for c in proc.children())])
    except psutil.Error:
        return 0.0


def _line(row: Row) -> str:
    t = row.tally
    return (
        f"{row.scenario} / {row.target}: {row.readers} readers at {row.rate:g}/s, {len(t.pages)} pages, "
        f"p50 {pct(t.pages, 50):.2f} s p95 {pct(t.pages, 95):.2f} s p99 {pct(t.pages, 99):.2f} s, "
        f"{len(t.errors)} errors, {len(t.recoveries)} recovered, {t.lost} lost, RSS "
        + " / ".join(f"{r:.0f}" for r in row.rss)
        + " MB"
    )


def held_rates(targets: list[Target], rates: list[float], step_s: float, rows: list[Row]) -> list[tuple[float, bool]]:
    """For each target, the highest arrival rate (sessions a second) whose page times keep p95 ≤ :data:`P95_HELD`
    with no error, stepping up through ``rates`` until one does not; and whether one did not (False: the ceiling
    is higher than the last rate tried). The targets take turns at each rate, the first one alternating, so that
    other work on the machine falls on both alike, not on whichever happened to be measured while it ran."""
    held = [0.0] * len(targets)
    ceiling = [False] * len(targets)
    for i, rate in enumerate(rates):
        order = range(len(targets)) if i % 2 == 0 else reversed(range(len(targets)))
        for k in order:
            if ceiling[k]:
                continue
            row = measure(targets[k], "rate step", Plan(targets[k].base), max(1, round(rate * step_s)), rate)
            rows.append(row)
            if row.tally.errors or pct(row.tally.pages, 95) > P95_HELD:
                ceiling[k] = True
            else:
                held[k] = rate
        if all(ceiling):
            break
    return list(zip(held, ceiling, strict=True))


def hold_sessions(target: Target, n: int, rows: list[Row]) -> None:
    """``n`` sessions open at once, each having run a page: the memory row."""
    hold = gevent.event.Event()
    plan = Plan(target.base, second=False, hold=hold)

    def release(elapsed: float) -> None:
        if not hold.is_set() and len(TALLY.pages) + len(TALLY.errors) >= n:
            row_rss.extend(rss_mb(target.app_pids))
            hold.set()

    row_rss: list[float] = []
    row = measure(target, f"{n} sessions open", plan, n, 20, during=release)
    row.rss = row_rss or row.rss
    rows.append(row)


def wire_bytes(base: str) -> dict[str, tuple[int, int]]:
    """The overview's HTML and the JS and CSS files its HTML names: (plain, gzip) bytes on the wire, by kind."""

    def get(url: str, encoding: str) -> int:
        req = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(req, timeout=30) as r:
            return len(r.read())

    root = base.rstrip("/") + "/"
    with urllib.request.urlopen(root, timeout=30) as r:
        html = r.read().decode()
    out = {"html": (get(root, "identity"), get(root, "gzip"))}
    for kind, ext in (("js", "js"), ("css", "css")):
        names = sorted(set(re.findall(rf"(?:\./)?(static/{ext}/[\w.-]+\.{ext})", html)))
        plain = sum(get(root + n, "identity") for n in names)
        packed = sum(get(root + n, "gzip") for n in names)
        out[kind] = (plain, packed)
    return out


@contextlib.contextmanager
def serving(processes: int) -> Iterator[tuple[Target, list[cluster.App]]]:
    """``processes`` app processes behind nginx (``deploy.cluster``, no access log), stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="psp-crowd-") as tmp:
        apps = [cluster.App(cluster.free_port(), Path(tmp) / f"app-{i}.log") for i in range(processes)]
        c = cluster.Cluster(
            cluster.free_port(), apps, [("127.0.0.1", a.port) for a in apps], Path(tmp), access_log=False
        )
        try:
            c.start()
            name = f"{processes} processes + nginx"
            yield Target(name, f"http://localhost:{c.port}", [a.proc.pid for a in apps], c.nginx.pid), apps
        finally:
            c.stop()


def run(sessions: int, processes: int, duration: float, rates: list[float], step_s: float) -> dict:
    """Every scenario: 1 process and N behind nginx side by side (idle while the other is measured), then the
    kill on a fresh N."""
    rows: list[Row] = []
    result: dict = {"rows": rows, "processes": processes, "sessions": sessions, "duration": duration}
    result["rates"] = rates
    machine_before, wall_before, load_before = _busy_s(), time.monotonic(), os.getloadavg()[0]
    print(f"1 process (make run's server) and {processes} behind nginx…", file=sys.stderr, flush=True)
    with Server() as one, serving(processes) as (many, _):
        single = Target("1 process", one.url, [one.proc.pid])
        result["bytes"] = wire_bytes(many.base)
        for target in (single, many):
            rows.append(measure(target, "40 together", Plan(target.base, second=False, landing=("", "")), 40, 1000))
        (result["held_1"], result["ceiling_1"]), (result["held_n"], result["ceiling_n"]) = held_rates(
            [single, many], rates, step_s, rows
        )
        rows.append(measure(many, f"{sessions} over {duration:g} s", Plan(many.base), sessions, sessions / duration))
        for target in (single, many):
            hold_sessions(target, 100, rows)
    print(f"{processes} processes behind nginx, one killed…", file=sys.stderr, flush=True)
    with serving(processes) as (many, apps):
        scenario = f"{sessions} over {duration:g} s, one killed halfway"
        kill_halfway = _killer(apps[0].proc, duration / 2)
        rows.append(measure(many, scenario, Plan(many.base), sessions, sessions / duration, during=kill_halfway))
    result["machine"] = {
        "busy": _busy_s() - machine_before,
        "wall": time.monotonic() - wall_before,
        "load": (load_before, os.getloadavg()[0]),
    }
    return result


def _busy_s() -> float:
    """CPU seconds the whole machine has been busy (every process, every core), from psutil."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0.0) + getattr(t, "softirq", 0.0)


def _killer(victim, at: float):
    """A ``during`` callback that kills ``victim`` (SIGKILL: no goodbye to its readers) ``at`` seconds in."""
    killed: list[float] = []

    def kill(elapsed: float) -> None:
        if not killed and elapsed >= at:
            victim.send_signal(signal.SIGKILL)
            killed.append(elapsed)

    return kill


def report(result: dict) -> str:
    from benchmarks.__main__ import machine

    rows: list[Row] = result["rows"]
    n = result["processes"]
    lines = [
        BEGIN,
        "## A crowd at the protocol level (`python -m benchmarks.crowd`)",
        "",
        f"Written by `python -m benchmarks.crowd --sessions {result['sessions']} --rates "
        f"{','.join(f'{r:g}' for r in result['rates'])}` (`make crowd`). "
        f"Machine: {machine()}. "
        "The crowd (Locust, one process, gevent) runs on the same cores as the servers and nginx: every number "
        "below is what the servers did with what the crowd left them. " + _others(result),
        "",
        "Each reader loads the page's HTML, opens Streamlit's websocket, runs a page (`BackMsg` `rerun_script`, "
        "then `ForwardMsg`s until `script_finished`), reads 1–3 s, switches page or changes a picker in the "
        "address, and leaves (`benchmarks/crowd.py`). A *page time* is one script run as the reader waits for it "
        "(the first includes opening the websocket). *1 process* is `make run`'s server, reached directly; "
        f"*{n} processes + nginx* is `deploy.cluster` (`make serve-cluster N={n}`). Both run side by side, one idle "
        "while the other is measured, and take turns at each rate step (the first one alternating), so that other "
        "work on the machine falls on both alike.",
        "",
        "| scenario | serving | readers | arriving /s | pages | p50 s | p95 s | p99 s | max s | errors "
        "| recovered | lost | RSS per process MB | CPU s: apps / nginx / crowd |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        t = r.tally
        lines.append(
            f"| {r.scenario} | {r.target} | {r.readers} | {r.rate:g} | {len(t.pages)} | {pct(t.pages, 50):.2f} "
            f"| {pct(t.pages, 95):.2f} | {pct(t.pages, 99):.2f} | {max(t.pages, default=float('nan')):.2f} "
            f"| {len(t.errors)} | {len(t.recoveries)} | {t.lost} | {' / '.join(f'{x:.0f}' for x in r.rss)} "
            f"| {r.cpu['apps']:.0f} / {r.cpu['nginx']:.1f} / {r.cpu['crowd']:.0f} |"
        )
    errors = [e for r in rows for e in r.tally.errors]
    if errors:
        lines += ["", "First errors: " + "; ".join(f"`{e}`" for e in errors[:5])]
    lines += ["", *targets(result), END]
    return "\n".join(lines) + "\n"


def _others(result: dict) -> str:
    """What else the machine did during the run: its busy CPU seconds beyond the servers', nginx's and the crowd's."""
    m = result.get("machine")
    if not m:
        return ""
    ours = sum(sum(r.cpu.values()) for r in result["rows"])
    cores = os.cpu_count() or 1
    return (
        f"Over the run's {m['wall']:.0f} s the machine's {cores} cores were busy {m['busy']:.0f} CPU s of "
        f"{m['wall'] * cores:.0f}; the servers, nginx and the crowd account for {ours:.0f}, other work on the "
        f"machine (other tests, builds) for about {max(0.0, m['busy'] - ours):.0f}. Load average (1 min) "
        f"{m['load'][0]:.1f} at the start, {m['load'][1]:.1f} at the end."
    )


def _find(rows: list[Row], scenario: str, target_prefix: str) -> Row | None:
    return next((r for r in rows if r.scenario.startswith(scenario) and r.target.startswith(target_prefix)), None)


def targets(result: dict) -> list[str]:
    rows: list[Row] = result["rows"]
    n = result["processes"]
    one40, many40 = _find(rows, "40 together", "1 "), _find(rows, "40 together", f"{n} ")
    steady = _find(rows, f"{result['sessions']} over", f"{n} ")
    steady = next((r for r in rows if r.scenario.endswith(" s") and "over" in r.scenario), steady)
    killed = next((r for r in rows if "killed" in r.scenario), None)
    mem = [r for r in rows if r.scenario.endswith("sessions open")]
    b = result.get("bytes", {})
    plain = sum(v[0] for v in b.values())
    packed = sum(v[1] for v in b.values()) or 1

    def ok(cond: bool) -> str:
        return "met" if cond else "**missed**"

    lines = ["| target | measured | |", "|---|---|---|"]
    if steady:
        lines.append(
            f"| {result['sessions']} readers over {result['duration']:g} s through nginx, 0 errors | "
            f"{len(steady.tally.errors)} errors, p95 {pct(steady.tally.pages, 95):.2f} s | "
            f"{ok(not steady.tally.errors)} |"
        )
    if one40 and many40:
        p1, pn = pct(one40.tally.pages, 95), pct(many40.tally.pages, 95)
        lines.append(
            f"| 40 arriving together: p95 ≤ 4.5 s with {n} processes (1 process: about 8 s) | {pn:.2f} s with {n}, "
            f"{p1:.2f} s with 1 | {ok(pn <= 4.5)} |"
        )
    if "held_1" in result:
        lines.append(_ratio_line(result, n))
    if killed:
        t = killed.tally
        worst = max(t.recoveries, default=0.0)
        lines.append(
            f"| one process killed: 0 sessions lost, every reader served again within 5 s | {t.lost} lost, "
            f"{len(t.recoveries)} served again, the slowest after {worst:.1f} s; {len(t.errors)} errors | "
            f"{ok(t.lost == 0 and not t.errors and worst <= 5)} |"
        )
    for r in mem:
        lines.append(
            f"| memory ≤ 300 MB per process with 100 sessions open ({r.target}) | "
            f"{' / '.join(f'{x:.0f}' for x in r.rss)} MB | {ok(max(r.rss) <= 300)} |"
        )
    if b:
        parts = ", ".join(f"{k.upper()} {v[0] / 1000:.0f} → {v[1] / 1000:.0f} kB" for k, v in b.items())
        lines.append(
            f"| the overview's HTML, JS and CSS ≥ 3× fewer bytes | {parts}: {plain / packed:.1f}× | "
            f"{ok(plain / packed >= 3)} |"
        )
    return lines


def _ratio_line(result: dict, n: int) -> str:
    """The 1.7× row: N processes' held rate against one's, or why this run cannot tell (a ceiling above the highest
    rate tried, or one process holding not even the lowest)."""
    held_1, held_n = result["held_1"], result["held_n"]
    at_least = {False: "≥ ", True: ""}
    measured = f"{at_least[result['ceiling_n']]}{held_n:g} /s vs "
    if not held_1:
        measured += f"under {result['rates'][0]:g} /s (1 process held no rate tried)"
        verdict = "not told: 1 process held not even the lowest rate"
    else:
        measured += f"{at_least[result['ceiling_1']]}{held_1:g} /s = {held_n / held_1:.2f}×"
        verdict = "met" if held_n / held_1 >= 1.7 else "**missed**"
        if not (result["ceiling_1"] and result["ceiling_n"]):
            verdict = "not told: a ceiling was above the highest rate tried"
    return f"| {n} processes hold ≥ 1.7× the sessions/s of 1 at p95 ≤ {P95_HELD:g} s | {measured} | {verdict} |"


def write_section(text: str, path: Path) -> None:
    """Replace the crowd's section of ``path`` (between its markers), or add it at the end."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.crowd", description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=200, help="readers in the steady and the kill runs (default 200)")
    p.add_argument("--duration", type=float, default=120, help="seconds those readers arrive over (default 120)")
    p.add_argument("-n", "--processes", type=int, default=os.cpu_count() or 2, help="processes behind nginx")
    p.add_argument(
        "--rates",
        default=RATES,
        help=f"arrival rates stepped through, sessions a second (default {RATES}: past two processes' ceiling)",
    )
    p.add_argument("--step", type=float, default=20, help="seconds per rate step (default 20)")
    p.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="where its section goes")
    p.add_argument("--no-write", action="store_true", help="print the section only")
    args = p.parse_args(argv)
    rates = [float(r) for r in args.rates.split(",")]
    result = run(args.sessions, args.processes, args.duration, rates, args.step)
    text = report(result)
    if not args.no_write:
        write_section(text, args.out)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
