#!/usr/bin/env bash
# See what a clerk, a chief and an admin see: start the app on its demo under Xvfb at a counter PC's
# screen size, log in with real key events, and save a screenshot of every page.
# Usage (from the project's root, after the README's install): ../shared/tools/screens.sh [WxH] [OUTDIR]
# Look at the PNGs afterwards. Needs xvfb, xdotool, imagemagick and openbox (installed here when run as root).
set -u
size=${1:-1366x768}; out=${2:-$(mktemp -d -t counterdesk-screens-XXXX)}; mkdir -p "$out"
app=${COUNTERDESK_BIN:-.venv/bin/counterdesk}
[ -x "$app" ] || { echo "no $app: run the README's install first (or set COUNTERDESK_BIN)"; exit 2; }
for t in Xvfb:xvfb xdotool:xdotool import:imagemagick openbox:openbox; do
  command -v "${t%%:*}" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "${t##*:}" >/dev/null 2>&1; }
  command -v "${t%%:*}" >/dev/null || { echo "missing ${t%%:*} (apt-get install ${t##*:})"; exit 2; }
done
disp=":${COUNTERDESK_DISPLAY:-61}"
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 & xpid=$!
export DISPLAY=$disp QT_QPA_PLATFORM=xcb
sleep 1
openbox >/dev/null 2>&1 & wpid=$!   # a window manager gives new windows the focus, as on a desktop
"$app" >"$out/app.log" 2>&1 & apid=$!
trap 'kill $apid $wpid $xpid 2>/dev/null; wait 2>/dev/null' EXIT
win=""
for _ in $(seq 1 360); do win=$(xdotool search --onlyvisible --name . 2>/dev/null | head -n1); [ -n "$win" ] && break; sleep 0.5; done
[ -n "$win" ] || { echo "no window after 180 s; see $out/app.log"; tail -n 5 "$out/app.log"; exit 1; }
sleep 2
shot() { sleep 1.2; import -window root "$out/$1.png" 2>/dev/null && echo "$out/$1.png"; }
login() {  # $1 user, $2 password
  sleep 1.5; xdotool key --clearmodifiers ctrl+a; xdotool type --delay 20 "$1"; xdotool key Tab
  xdotool type --delay 20 "$2"; xdotool key Return; sleep 2
}
shot 00-login
login clerk demo-clerk-1
for k in F2 F3 F4 F5 F7; do xdotool key "$k"; shot "clerk-$k"; done
xdotool key ctrl+l; sleep 1; login chief01 demo-pass-1
for k in F6 F3 F4; do xdotool key "$k"; shot "chief-$k"; done
xdotool key ctrl+l; sleep 1; login admin demo-admin-1
xdotool key F7; shot admin-F7
echo "screenshots in $out (app log: $out/app.log)"
