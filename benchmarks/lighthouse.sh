#!/usr/bin/env bash
# Lighthouse (mobile, default throttling) for home, an attraction, an event and the agenda of the demo
# build, served locally by `wistakon serve`, against Debian's Chromium. Nothing leaves the machine.
#
#   npm ci --prefix benchmarks --no-audit --no-fund   # once
#   benchmarks/lighthouse.sh                           # prints a Markdown table; JSON in benchmarks/lighthouse-reports/
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8099}"
OUT="$(mktemp -d)/dist"
REPORTS=benchmarks/lighthouse-reports
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LIGHTHOUSE=benchmarks/node_modules/.bin/lighthouse
[ -x "$LIGHTHOUSE" ] || { echo "run: npm ci --prefix benchmarks" >&2; exit 1; }

.venv/bin/wistakon build --out "$OUT" >&2
.venv/bin/wistakon serve --out "$OUT" --port "$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done

mkdir -p "$REPORTS"
declare -A PAGES=(
  [home]="/"
  [attraction]="/wisata/keraton-kasepuhan/"
  [event]="/acara/panjang-jimat/"
  [agenda]="/agenda/"
)
echo "| page | URL | performance | accessibility | best practices | SEO | LCP | TBT | CLS | transfer |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for name in home attraction event agenda; do
  path="${PAGES[$name]}"
  "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" --quiet --output=json --output-path="$REPORTS/$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1
  .venv/bin/python - "$REPORTS/$name.json" "$name" "$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
score = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
audit = report["audits"]
print(
    f"| {sys.argv[2]} | `{sys.argv[3]}` | {score['performance']} | {score['accessibility']} | "
    f"{score['best-practices']} | {score['seo']} | {audit['largest-contentful-paint']['displayValue']} | "
    f"{audit['total-blocking-time']['displayValue']} | {audit['cumulative-layout-shift']['displayValue']} | "
    f"{round(audit['total-byte-weight']['numericValue'] / 1024)} KiB |"
)
PY
done
