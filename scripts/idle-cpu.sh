#!/usr/bin/env bash
# The idle app at rest: starts the app under Xvfb with a fresh home, waits for its window and
# for it to settle, then measures the CPU it uses over a window of time with nothing happening
# (user + system time from /proc/PID/stat, fields 14 and 15, summed over its threads) and
# prints it as a percentage of one core. Exits 1 above the bound.
#   scripts/idle-cpu.sh [BINARY] [--bound PERCENT] [--settle SECONDS] [--window SECONDS] [-- APP ARGS]
# BINARY defaults to $CARGO_TARGET_DIR/release/alliance-sim (or target/release/alliance-sim).
# Defaults: bound 10 (%), settle 8 s after the window appears, window 10 s.
# Needs: xvfb, xdotool (x11-utils for xdpyinfo). Linux only (/proc).
set -euo pipefail

bin="${CARGO_TARGET_DIR:-target}/release/alliance-sim"
bound=10 settle=8 span=10
args=()
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then bin=$1; shift; fi
while [ $# -gt 0 ]; do
  case $1 in
    --bound) bound=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --window) span=$2; shift 2 ;;
    --) shift; args=("$@"); break ;;
    *) echo "idle-cpu: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "idle-cpu: no executable at $bin (build it with cargo build --release)" >&2; exit 2; }
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "idle-cpu: $tool not found (apt-get install xvfb xdotool)" >&2; exit 2; }
done

# shellcheck source=scripts/xvfb.sh
. "$(dirname "$0")/xvfb.sh"
home=$(mktemp -d)
xvfb=""
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
command -v xdpyinfo >/dev/null || { echo "idle-cpu: xdpyinfo not found (apt-get install x11-utils)" >&2; exit 2; }
start_xvfb 140 180 1600x1000 || { echo "idle-cpu: Xvfb did not start on any display from :140 to :180" >&2; exit 2; }

HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share DISPLAY=$display \
  "$bin" "${args[@]}" >"$home/app.log" 2>&1 &
app=$!

window=""
for _ in $(seq 1 180); do
  kill -0 "$app" 2>/dev/null || { echo "idle-cpu: the app exited early; its output:" >&2; tail -30 "$home/app.log" >&2; exit 1; }
  window=$(DISPLAY=$display xdotool search --name 'alliance-sim' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { echo "idle-cpu: no window named alliance-sim appeared" >&2; exit 1; }
# Park the pointer outside the window's plots, then let the app settle.
DISPLAY=$display xdotool mousemove 0 0 2>/dev/null || true
sleep "$settle"

# utime + stime of the whole process, in clock ticks. The command name (field 2) may hold
# spaces, so count fields after the closing parenthesis: field 14 is the 12th after it.
ticks() { sed 's/^.*) //' "/proc/$app/stat" | awk '{ print $12 + $13 }'; }
hz=$(getconf CLK_TCK)
t0=$(ticks) s0=$(date +%s.%N)
sleep "$span"
t1=$(ticks) s1=$(date +%s.%N)
kill -0 "$app" 2>/dev/null || { echo "idle-cpu: the app exited during the measurement" >&2; exit 1; }

percent=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s0="$s0" -v s1="$s1" \
  'BEGIN { printf "%.2f", 100 * (b - a) / hz / (s1 - s0) }')
echo "idle-cpu: $percent% of one core over $(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.1f", b - a }') s at rest ($(basename "$bin"), bound $bound%)"
awk -v p="$percent" -v b="$bound" 'BEGIN { exit !(p <= b) }' || { echo "idle-cpu: above the bound of $bound%" >&2; exit 1; }
