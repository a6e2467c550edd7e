#!/usr/bin/env bash
# Times the same weighted majority games in two Python packages (powerindex, powerindices) and
# in `alliance-sim power`, checks that the results agree, and prints a table with the ratios.
#   scripts/bench-vs-python.sh [--quick] [--exact-only]      (run from the repository root)
# Makes a virtual environment in output/bench-venv (git-ignored; reused on later runs), installs
# the packages from PyPI, builds the release binary (respects CARGO_TARGET_DIR), then runs
# scripts/bench_games.py. --quick: only the games of up to 50 players. Needs python3 with venv.
set -euo pipefail

die() { echo "bench-vs-python: $*" >&2; exit 1; }

[ -f Cargo.toml ] && [ -f scripts/bench_games.py ] || die "run me from the repository root (scripts/bench-vs-python.sh)"
command -v python3 >/dev/null || die "python3 not found"
command -v cargo >/dev/null || die "cargo not found"

venv=output/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  echo "bench-vs-python: creating a virtual environment in $venv" >&2
  mkdir -p output
  python3 -m venv "$venv" || die "python3 -m venv failed (install the python3-venv package?)"
fi
if ! "$venv/bin/python" -c 'import powerindex, powerindices' 2>/dev/null; then
  echo "bench-vs-python: pip install powerindex powerindices numpy" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check powerindex powerindices numpy \
    || die "pip install failed (is PyPI reachable?)"
fi
"$venv/bin/pip" list --disable-pip-version-check 2>/dev/null | grep -Ei '^(powerindex|powerindices|numpy) ' >&2 || true

target=${CARGO_TARGET_DIR:-target}
bin=$target/release/alliance-sim
echo "bench-vs-python: cargo build --release (target dir: $target)" >&2
if ! cargo build --release --quiet --bin alliance-sim; then
  [ -x "$bin" ] || die "cargo build --release failed and there is no binary at $bin"
  echo "bench-vs-python: WARNING: the build failed; using the existing $bin" >&2
fi
[ -x "$bin" ] || die "no binary at $bin after the build"

echo "bench-vs-python: $("$venv/bin/python" --version), $(nproc) CPU(s), $(date -u +%Y-%m-%dT%H:%MZ)" >&2
exec "$venv/bin/python" scripts/bench_games.py "$bin" "$@"
