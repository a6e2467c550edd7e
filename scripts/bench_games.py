#!/usr/bin/env python3
"""Times the same weighted majority games in two PyPI packages and in `alliance-sim power`.

Used by scripts/bench-vs-python.sh (which makes the virtual environment and builds the binary):

    python3 scripts/bench_games.py PATH/TO/alliance-sim [--quick] [--exact-only]

Ends with the exact path on issue 8's game (150 players, weights 1-60): the whole process of
the default `power --format json` against powerindex's Banzhaf + Shapley-Shubik, side by side
(--exact-only: that comparison alone).

Packages (their APIs read from their installed sources):
  powerindex 0.3.x   powerindex.Game(quota, weights); .calc_banzhaf() / .calc_shapley_shubik()
                     fill .banzhaf (normalised) and .shapley_shubik. Pure Python, exact
                     integers; Shapley-Shubik keeps O(n^2 q) Python lists.
  powerindices 1.0.x powerindices.compute_pbi(quota, weights) (Penrose = absolute Banzhaf,
                     normalised here) and compute_ssi(quota, weights). numpy int64 counts,
                     which overflow silently above about 62 players; both mutate `weights`.
A coalition wins with at least `quota` in all three. Python times are measured inside Python
(time.perf_counter, mean over repeats); ours are `timing.banzhaf_seconds` and
`timing.shapley_shubik_seconds` of `alliance-sim power --weights ... --quota Q --format json
--repeat N`: the mean time of each index on its fast f64 path (what the app computes), inside
the process, so start-up is excluded; `timing.exact_seconds` (the exact fractions the command
prints) is shown apart. Results must agree to TOL. Each index is compared with the same index.
"""

import json
import math
import random
import subprocess
import sys
import time

TOL = 1e-9
PY_BUDGET = 1.0  # seconds of repeats per Python measurement (after the first call)
OURS_BUDGET = 1.0  # seconds of repeats for our binary

import powerindex  # noqa: E402
import powerindices  # noqa: E402


def random_game(n, seed):
    """n weights in units of 0.01% (total 10,000), quota a strict majority."""
    rng = random.Random(seed)
    raw = [rng.random() + 0.05 for _ in range(n)]
    s = sum(raw)
    w = [max(1, round(x / s * 10_000)) for x in raw]
    return w, sum(w) // 2 + 1


EU27_NICE = [29, 29, 29, 29, 27, 27, 14, 13, 12, 12, 12, 12, 12, 10, 10, 10, 7, 7, 7, 7, 7, 4, 4, 4, 4, 4, 3]


def games():
    out = [
        ("EEC 1958", [4, 4, 4, 2, 2, 1], 12),
        ("UN Security Council", [7] * 5 + [1] * 10, 39),
        ("EU27 Council (Nice)", EU27_NICE, 255),
    ]
    for n, seed in [(20, 20), (50, 50), (100, 100), (200, 200)]:
        w, q = random_game(n, seed)
        out.append((f"random n={n} (0.01%)", w, q))
    return out


# What each package can do in reasonable time and memory (see the module docstring).
def feasible(pkg, index, w, q):
    n, total = len(w), sum(w)
    if pkg == "powerindex" and index == "ss":
        return n * n * q <= 2e7, "O(n^2 q) Python lists: ~1 GB and minutes"
    if pkg == "powerindices" and index == "ss":
        if n > 60:
            return False, "int64 counts overflow above ~60 players (and O(n^2 (W-q)) Python loop)"
        return n * n * (total - q) <= 2e7, "O(n^2 (W-q)) Python loop"
    return True, ""


def run_pkg(pkg, index, w, q):
    if pkg == "powerindex":
        g = powerindex.Game(q, weights=list(w))
        if index == "bz":
            g.calc_banzhaf()
            return [float(x) for x in g.banzhaf]
        g.calc_shapley_shubik()
        return [float(x) for x in g.shapley_shubik]
    if index == "bz":
        pbi = [float(x) for x in powerindices.compute_pbi(q, list(w))]
        s = sum(pbi)
        return [x / s for x in pbi] if s > 0 else pbi
    return [float(x) for x in powerindices.compute_ssi(q, list(w))]


def time_py(pkg, index, w, q):
    t0 = time.perf_counter()
    result = run_pkg(pkg, index, w, q)
    first = time.perf_counter() - t0
    reps = 0 if first > PY_BUDGET else min(1000, max(1, int(PY_BUDGET / max(first, 1e-9))))
    if reps == 0:
        return result, first, 1
    t0 = time.perf_counter()
    for _ in range(reps):
        run_pkg(pkg, index, w, q)
    return result, (time.perf_counter() - t0) / reps, reps


def ours(binary, w, q):
    def call(repeat):
        cmd = [binary, "power", "--weights", ",".join(map(str, w)), "--quota", str(q), "--format", "json", "--repeat", str(repeat)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"bench_games: `{' '.join(cmd[:2])} ...` failed ({p.returncode}): {p.stderr.strip()}")
        return json.loads(p.stdout)

    probe = call(1)
    t1 = probe["timing"]["seconds_per_solve"] + probe["timing"]["exact_seconds"]
    reps = max(1, min(100_000, int(OURS_BUDGET / max(t1, 1e-9))))
    runs = [call(reps)["timing"] for _ in range(3)]
    median = lambda key: sorted(r[key] for r in runs)[1]
    bz = [p["banzhaf"] for p in probe["players"]]
    ss = [p["shapley_shubik"] for p in probe["players"]]
    return bz, ss, (median("banzhaf_seconds"), median("shapley_shubik_seconds"), median("exact_seconds")), reps


def issue8_game():
    """Issue 8's game: 150 players with integer weights 1-60 (total about 4,300), majority quota."""
    rng = random.Random(150)
    w = [rng.randint(1, 60) for _ in range(150)]
    return w, sum(w) // 2 + 1


def whole_process(binary, w, q, runs=5):
    """Median wall time of the default `alliance-sim power --format json` (exact fractions of
    both indices), the whole process from start to exit, and its output."""
    cmd = [binary, "power", "--weights", ",".join(map(str, w)), "--quota", str(q), "--format", "json"]
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if p.returncode != 0:
            sys.exit(f"bench_games: `alliance-sim power` failed ({p.returncode}): {p.stderr.strip()}")
        out = json.loads(p.stdout)
    return sorted(times)[len(times) // 2], out


def exact_vs_powerindex(binary):
    """The default exact path, whole process, against powerindex's Banzhaf + Shapley-Shubik
    (one call each, exact integers inside) on issue 8's game."""
    w, q = issue8_game()
    print(f"… issue 8 game: n={len(w)}, total={sum(w)}, quota={q} (exact, whole process)", file=sys.stderr, flush=True)
    t_ours, out = whole_process(binary, w, q)
    g = powerindex.Game(q, weights=list(w))
    t0 = time.perf_counter()
    g.calc_banzhaf()
    t_bz = time.perf_counter() - t0
    t0 = time.perf_counter()
    g.calc_shapley_shubik()
    t_ss = time.perf_counter() - t0
    err = 0.0
    for k, p in enumerate(out["players"]):
        for ours, theirs in ((p["banzhaf_exact"], g.banzhaf[k]), (p["shapley_shubik_exact"], g.shapley_shubik[k])):
            num, den = map(int, ours.split("/"))
            err = max(err, abs(num / den - float(theirs)))
    print()
    print("Exact, whole process (issue 8's game: 150 players, weights 1-60, majority quota):")
    print(f"  powerindex Banzhaf {fmt_t(t_bz)} + Shapley-Shubik {fmt_t(t_ss)} = {fmt_t(t_bz + t_ss)}")
    print(f"  alliance-sim power --format json (exact fractions, both indices, process start to exit, median of 5): {fmt_t(t_ours)}")
    print(f"  ratio {(t_bz + t_ss) / t_ours:,.0f}x (target >= 50x); max |difference| {err:.3g} (tolerance {TOL:g})")
    if err > TOL:
        sys.exit("bench_games: the exact results disagree with powerindex")


def fmt_t(t):
    if t is None:
        return "—"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.2f} ms"
    return f"{t * 1e6:.1f} µs"


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench_games.py PATH/TO/alliance-sim [--quick]")
    binary = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    if "--exact-only" in sys.argv[2:]:
        exact_vs_powerindex(binary)
        return
    rows, notes, worst, below = [], [], None, []
    for name, w, q in games():
        if quick and len(w) > 50:
            continue
        print(f"… {name}: n={len(w)}, total={sum(w)}, quota={q}", file=sys.stderr, flush=True)
        bz, ss, (t_bz, t_ss, t_exact), reps = ours(binary, w, q)
        t_ours = t_bz + t_ss
        cell = {}
        for pkg in ("powerindex", "powerindices"):
            for index, ref in (("bz", bz), ("ss", ss)):
                ok, why = feasible(pkg, index, w, q)
                if not ok:
                    cell[pkg, index] = ("skip", None)
                    notes.append(f"{name}: {pkg} {index.upper()} skipped: {why}")
                    continue
                res, t, _ = time_py(pkg, index, w, q)
                err = max(abs(a - b) for a, b in zip(res, ref))
                if err > TOL or not all(math.isfinite(x) for x in res):
                    cell[pkg, index] = ("wrong", t)
                    notes.append(f"{name}: {pkg} {index.upper()} disagrees with ours (max |diff| {err:.3g}) in {fmt_t(t)}: not counted")
                else:
                    cell[pkg, index] = ("ok", t)
        # Per package: both indices when both are right; the faster package is the reference.
        both = [cell[p, "bz"][1] + cell[p, "ss"][1] for p in ("powerindex", "powerindices") if cell[p, "bz"][0] == "ok" and cell[p, "ss"][0] == "ok"]
        bz_only = [cell[p, "bz"][1] for p in ("powerindex", "powerindices") if cell[p, "bz"][0] == "ok"]
        ratio_both = min(both) / t_ours if both else None
        ratio_bz = min(bz_only) / t_bz if bz_only else None
        # The ratio judged against the target: both indices where a package computes both,
        # else Banzhaf against our Banzhaf.
        judged = ratio_both if ratio_both is not None else ratio_bz
        if judged is not None:
            if worst is None or judged < worst[0]:
                worst = (judged, name)
            if judged < 50:
                below.append(f"{name} ({judged:,.0f}×)")
        rows.append((name, len(w), q, cell, t_ours, reps, ratio_both, ratio_bz))
        notes.append(f"{name}: ours Banzhaf {fmt_t(t_bz)}, Shapley–Shubik {fmt_t(t_ss)} (f64); exact fractions {fmt_t(t_exact)}")

    def c(x):
        state, t = x
        return {"skip": "skipped", "wrong": f"WRONG {fmt_t(t)}"}.get(state, fmt_t(t))

    head = ("game", "n", "quota", "pidx BZ", "pidx SS", "pidcs BZ", "pidcs SS", "ours BZ+SS", "×(BZ+SS)", "×(BZ only)")
    lines = [head]
    for name, n, q, cell, t, reps, rb, rz in rows:
        lines.append((name, str(n), str(q), c(cell["powerindex", "bz"]), c(cell["powerindex", "ss"]), c(cell["powerindices", "bz"]), c(cell["powerindices", "ss"]), fmt_t(t), f"{rb:,.0f}×" if rb else "—", f"{rz:,.0f}×" if rz else "—"))
    widths = [max(len(r[k]) for r in lines) for k in range(len(head))]
    for k, r in enumerate(lines):
        print("  ".join(v.ljust(widths[i]) if i == 0 else v.rjust(widths[i]) for i, v in enumerate(r)))
        if k == 0:
            print("  ".join("-" * x for x in widths))
    print()
    print("pidx = powerindex, pidcs = powerindices (Python, mean over repeats); ours = alliance-sim power,")
    print("Banzhaf + Shapley–Shubik on their fast f64 paths, timed inside the process (see the notes for each).")
    print("×(BZ+SS): faster package's Banzhaf + Shapley–Shubik time / ours; ×(BZ only): faster package's")
    print(f"Banzhaf alone / our Banzhaf alone. Agreement tolerance {TOL:g}.")
    for n in notes:
        print(f"note: {n}")
    if worst is None:
        sys.exit("bench_games: no game could be compared")
    print("Judged ratio per game: ×(BZ+SS) where a package computes both indices, else ×(BZ only).")
    print(f"smallest judged ratio: {worst[0]:,.0f}× ({worst[1]}); target ≥ 50× on every game: " + ("met" if not below else "NOT met on " + ", ".join(below)))
    exact_vs_powerindex(binary)


if __name__ == "__main__":
    main()
