#!/usr/bin/env bash
# See what a clerk, a chief and an admin see, driven by real X key events (xdotool): start the
# app on its demo under Xvfb at a counter PC's screen size (with a window manager), log in with
# keys, take a returning citizen's intake to its receipt, search, open a case, act on it, lock
# the screen, switch users, and save a screenshot at each step. Look at the PNGs afterwards.
#
#   tools/screens.sh [WxH] [OUTDIR]          (from the project's root, after the README's install)
#
# Env: COUNTERDESK_DISPLAY (Xvfb display number, default 61), COUNTERDESK_HOME (the demo's
# folder; a fresh one per run by default). Needs xvfb, xdotool, imagemagick and openbox
# (installed here when run as root).
set -u
size=${1:-1366x768}; out=${2:-$(mktemp -d -t counterdesk-screens-XXXX)}; mkdir -p "$out"
app=${COUNTERDESK_BIN:-.venv/bin/counterdesk}
[ -x "$app" ] || { echo "no $app: run the README's install first (or set COUNTERDESK_BIN)"; exit 2; }
for t in Xvfb:xvfb xdotool:xdotool import:imagemagick openbox:openbox; do
  command -v "${t%%:*}" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "${t##*:}" >/dev/null 2>&1; }
  command -v "${t%%:*}" >/dev/null || { echo "missing ${t%%:*} (apt-get install ${t##*:})"; exit 2; }
done
disp=":${COUNTERDESK_DISPLAY:-61}"
export COUNTERDESK_HOME=${COUNTERDESK_HOME:-$out/home}
export XDG_CONFIG_HOME=$out/config   # the app's settings (window sizes...) for this run only
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
n=0
shot() { sleep "${2:-1.2}"; n=$((n + 1)); f=$(printf '%s/%02d-%s.png' "$out" "$n" "$1"); import -window root "$f" 2>/dev/null && echo "$f"; }
key() { xdotool key --clearmodifiers "$@"; sleep 0.4; }
typ() { xdotool type --delay 60 "$1"; sleep 0.6; }
login() {  # $1 user, $2 password
  sleep 1.5; key ctrl+a; typ "$1"; key Tab; typ "$2"; key Return; sleep 2.5
}
shot login
login clerk demo-clerk-1
shot clerk-intake
typ "王"                                  # a returning citizen by the name's first character
shot clerk-intake-candidates
key Return; key 1                        # pick with Enter; 1 = the most frequent matter
shot clerk-intake-filled
key F9; sleep 1.5                        # a second open case of it is warned about; Enter = no
shot clerk-after-F9
key Escape
key F3; shot clerk-worklist
key ctrl+f; typ "王"; key Return; shot clerk-search
key Down; key Return; shot clerk-case
key ctrl+r; typ "申请人来电核对"; shot clerk-case-reveal-reason   # show the full ID: a reason, logged
key Return; shot clerk-case-revealed
key F9; shot clerk-case-next-step-dialog
key Escape
key alt+p; shot clerk-evaluation-dialog
key Escape
key F4; shot clerk-F4-box
key F5; shot clerk-handover
key F7; shot clerk-sync-settings
key ctrl+l; shot clerk-locked-manual
login chief01 demo-pass-1
shot chief-lands-on-dashboard 2.5
key F6; key Down; key Down; shot chief-dashboard-month 2   # F6: the period box; ↓↓ 本月
key Tab; key Tab; key Tab; key Tab; key space; shot chief-access-log 2   # the 查询留痕 button
key Escape
key ctrl+l; sleep 1; login admin demo-admin-1
shot admin-dashboard 2.5
key F7; shot admin-users
for tab in sync catalog printers backup settings; do key ctrl+Tab; shot "admin-$tab"; done
echo "screenshots in $out (app log: $out/app.log)"
