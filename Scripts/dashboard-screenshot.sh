#!/usr/bin/env bash
# Takes a PNG screenshot of SubmitYears' live dashboard during a local run, with headless Chromium.
#
#   Scripts/dashboard-screenshot.sh [OUTPUT.png] [--while-running]
#
# Builds SubmitYears, runs the local job (sample data) with `--dashboard --dashboard-keep`, waits until the job
# has ended (or, with --while-running, until the page shows a running task), saves the page as a PNG (default
# out/dashboard.png) and stops SubmitYears. Needs Debian's chromium-headless-shell
# (apt-get install -y --no-install-recommends chromium-headless-shell).
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-out/dashboard.png}"
mode="${2:-}"
browser="$(command -v chromium-headless-shell || true)"
if [[ -z "$browser" ]]; then
    echo "chromium-headless-shell is not installed: apt-get install -y --no-install-recommends chromium-headless-shell" >&2
    exit 1
fi
swift build --product SubmitYears >/dev/null
bin="$(swift build --show-bin-path)/SubmitYears"
work="$(mktemp -d)"
log="$work/submit-years.log"
"$bin" --local --out "$work/job" --rows 150000 --dashboard --dashboard-keep >"$log" 2>&1 &
pid=$!
cleanup() { kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

url=""
for _ in $(seq 1 600); do
    url="$(sed -n 's/^Dashboard: \(http[^ ]*\)$/\1/p' "$log" | head -n 1)"
    [[ -n "$url" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "no dashboard URL after 60 s" >&2; cat "$log" >&2; exit 1; }
echo "dashboard at $url"

chrome() { "$browser" --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size=1280,1500 --virtual-time-budget=4000 "$@" 2>/dev/null; }
for _ in $(seq 1 600); do
    if [[ "$mode" == "--while-running" ]]; then
        chrome --dump-dom "$url" | grep -q '<tr class="task running"' && break
    else
        grep -q '^Report: ' "$log" && break
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
done
mkdir -p "$(dirname "$output")"
chrome --screenshot="$output" "$url"
echo "wrote $output"
