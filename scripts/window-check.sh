#!/usr/bin/env bash
# The real-window check: starts BINARY under Xvfb with a fresh home, waits for its window,
# takes a screenshot to OUT.png and checks that the picture shows the app: the window is
# named after it, the picture has many distinct colours, and the plot area is not uniform.
#   scripts/window-check.sh BINARY OUT.png
# Needs: xvfb, imagemagick, xdotool.
set -euo pipefail
bin=$1 out=$2
size=1600x1000

# shellcheck source=scripts/xvfb.sh
. "$(dirname "$0")/xvfb.sh"
home=$(mktemp -d)
xvfb=""
cleanup() { kill "${app:-}" 2>/dev/null || true; kill "$xvfb" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
start_xvfb 90 130 "$size" || { echo "window-check: Xvfb did not start on any display from :90 to :130" >&2; exit 1; }

HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share DISPLAY=$display \
  "$bin" >"$home/app.log" 2>&1 &
app=$!

# Wait for the window (up to 90 s: software rendering starts slowly on a loaded machine).
window=""
for _ in $(seq 1 180); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "window-check: the app exited before showing a window; its output:" >&2
    tail -30 "$home/app.log" >&2
    exit 1
  fi
  window=$(DISPLAY=$display xdotool search --name 'alliance-sim' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { echo "window-check: no window named alliance-sim appeared" >&2; tail -30 "$home/app.log" >&2; exit 1; }

# Let it draw a few frames, keep the pointer off the plots, then take the picture.
sleep 4
DISPLAY=$display xdotool mousemove 0 0
sleep 1
DISPLAY=$display import -window root "$out"
name=$(DISPLAY=$display xdotool getwindowname "$window")
echo "window-check: window \"$name\", screenshot $out"

colours=$(convert "$out" -format '%k' info:)
# The centre of the window holds the plots: its brightness must vary.
spread=$(convert "$out" -gravity center -crop 50%x40%+0+0 +repage -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "window-check: $colours distinct colours; grey spread in the plot area $spread"
case "$name" in *alliance-sim*) ;; *) echo "window-check: the window is not the app's" >&2; exit 1 ;; esac
[ "$colours" -ge 64 ] || { echo "window-check: only $colours colours: a blank or black frame" >&2; exit 1; }
awk -v s="$spread" 'BEGIN { exit !(s > 0.03) }' || { echo "window-check: the plot area is uniform" >&2; exit 1; }
echo "window-check: ok"
