#!/usr/bin/env bash
# The card reader on screen, by real X key events (xdotool) on the demo under Xvfb: the clerk
# places the simulated reader's cards with F8 and a digit (as a citizen puts a card down) and a
# screenshot is taken after each read; then the administrator's 打印机与设备 page with the reader
# set up and tested. Look at the PNGs afterwards.
#
#   tools/reader_screens.sh [WxH] [OUTDIR]    (from the project's root, after the README's install)
#
# Same needs as tools/screens.sh (xvfb, xdotool, imagemagick, openbox).
set -u
size=${1:-1366x768}; out=${2:-$(mktemp -d -t counterdesk-reader-XXXX)}; mkdir -p "$out"
app=${COUNTERDESK_BIN:-.venv/bin/counterdesk}
[ -x "$app" ] || { echo "no $app: run the README's install first (or set COUNTERDESK_BIN)"; exit 2; }
for t in Xvfb:xvfb xdotool:xdotool import:imagemagick openbox:openbox; do
  command -v "${t%%:*}" >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "${t##*:}" >/dev/null 2>&1; }
  command -v "${t%%:*}" >/dev/null || { echo "missing ${t%%:*} (apt-get install ${t##*:})"; exit 2; }
done
disp=":${COUNTERDESK_DISPLAY:-62}"
export COUNTERDESK_HOME=${COUNTERDESK_HOME:-$out/home}
export XDG_CONFIG_HOME=$out/config
Xvfb "$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 & xpid=$!
export DISPLAY=$disp QT_QPA_PLATFORM=xcb
sleep 1
openbox >/dev/null 2>&1 & wpid=$!
"$app" >"$out/app.log" 2>&1 & apid=$!
trap 'kill $apid $wpid $xpid 2>/dev/null; wait 2>/dev/null' EXIT
win=""
for _ in $(seq 1 360); do win=$(xdotool search --onlyvisible --name . 2>/dev/null | head -n1); [ -n "$win" ] && break; sleep 0.5; done
[ -n "$win" ] || { echo "no window after 180 s; see $out/app.log"; tail -n 5 "$out/app.log"; exit 1; }
sleep 2
shot() { sleep "${2:-1.5}"; f=$(printf '%s/%s-%s.png' "$out" "$1" "$size"); import -window root "$f" 2>/dev/null && echo "$f"; }
key() { xdotool key --clearmodifiers "$@"; sleep 0.5; }
typ() { xdotool type --delay 60 "$1"; sleep 0.6; }
login() { sleep 1.5; key ctrl+a; typ "$1"; key Tab; typ "$2"; key Return; sleep 2.5; }
card() {  # $1 the card's key in the F8 menu (1-9, a, b)
  key ctrl+n; sleep 0.6; key F8; key "$1"; sleep 1.2
}
login clerk demo-clerk-1
key F8; shot reader-00-menu 1; key Escape
card 1; shot reader-01-card-new-citizen          # 普通居民身份证 (a new citizen: phone next)
typ 13900139000; key Return; key 1; shot reader-02-card-matter
card 6; shot reader-03-card-expired              # 过期证件
card 3; shot reader-04-card-rare-b               # 生僻字（扩展B 𠮷）, 回族, 长期
card 5; shot reader-05-card-rare-g               # 生僻字（扩展G 𰻞）
card 7; shot reader-06-card-pua                  # a character of the card system's own
card 8; shot reader-07-card-foreign              # 外国人永久居留身份证（2023 版）
card a; shot reader-08-read-error                # 读卡出错: one line in the status bar
key ctrl+n; xdotool type --delay 4 --args 1 110102198503120013 key Return; sleep 1
shot reader-11-wedge                             # a keyboard-wedge reader: X keys 4 ms apart
key ctrl+n; xdotool type --delay 120 --args 1 110102198503120013 key Return; sleep 1
shot reader-12-typed                             # the same number typed by hand: typed
key ctrl+l; sleep 1; login admin demo-admin-1
key F7; sleep 1
for _ in 1 2 3; do key ctrl+Tab; done            # 用户与角色 → 同步 → 事项目录 → 打印机与设备
shot reader-09-settings
key alt+t; shot reader-10-settings-tested 2   # 测试读卡器 (the simulator: 读卡器正常)
echo "screenshots in $out (app log: $out/app.log)"
