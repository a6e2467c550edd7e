# Sourced by the Xvfb checks: start_xvfb FIRST LAST SIZE starts Xvfb on the first display
# number in FIRST..LAST that is free AND answers (a number whose socket is still held by an
# X server that just exited fails to start: the next one is tried), and sets `display` and
# `xvfb` (its pid). Returns 1 when none answers. Needs xdpyinfo (x11-utils). -noreset: without
# it the server resets when xdpyinfo, its last client, disconnects, and a client that connects
# during the reset is refused ("Failed to open connection to X server").
start_xvfb() {
  local first=$1 last=$2 size=$3 d
  for d in $(seq "$first" "$last"); do
    [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ] && continue
    Xvfb ":$d" -screen 0 "${size}x24" -nolisten tcp -noreset >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 1 50); do
      kill -0 "$xvfb" 2>/dev/null || break
      if DISPLAY=":$d" xdpyinfo >/dev/null 2>&1; then display=":$d"; return 0; fi
      sleep 0.2
    done
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
  done
  return 1
}
