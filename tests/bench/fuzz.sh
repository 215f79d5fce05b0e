#!/usr/bin/env bash
# A long fuzz run (>= 50,000 requests by default) of the whole OpenAPI document against a
# seeded instance of its own on loopback, as the administrator and an account manager at
# once (half the requests each); prints the requests sent and the 5xx answers.
#   tests/bench/fuzz.sh [REQUESTS] [CLIENTS]    (FUZZ_SECONDS bounds the run: 3000 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
REQUESTS=${1:-50000}
CLIENTS=${2:-300}
SECONDS_MAX=${FUZZ_SECONDS:-3000}
WORK=$(mktemp -d)
"$PY" tests/fuzz_server.py "$WORK/home" --clients "$CLIENTS" > "$WORK/ready" 2> "$WORK/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do
  grep -q READY "$WORK/ready" 2>/dev/null && break
  kill -0 $SERVER 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
  sleep 1
done
URL="http://127.0.0.1:$(awk '/READY/ {print $2}' "$WORK/ready")"
HALF=$(( (REQUESTS + 1) / 2 ))
"$PY" tests/bench/fuzz.py "$URL" --user admin --requests "$HALF" --seconds "$SECONDS_MAX" --positive 40 --negative 20 > "$WORK/admin.out" 2>&1 &
ADMIN=$!
"$PY" tests/bench/fuzz.py "$URL" --user am0001 --requests "$HALF" --seconds "$SECONDS_MAX" --positive 40 --negative 20 > "$WORK/am.out" 2>&1 &
AM=$!
wait $ADMIN || true
wait $AM || true
for f in admin am; do grep -v '^You can reproduce' "$WORK/$f.out" | grep -v '^round '; echo; done
total=$(awk '/^requests:/ {s += $2} END {print s}' "$WORK/admin.out" "$WORK/am.out")
errors=$(awk '/^5xx:/ {s += $2} END {print s}' "$WORK/admin.out" "$WORK/am.out")
echo "== total: $total requests, $errors 5xx"
echo "== server tracebacks: $(grep -c '^Traceback' "$WORK/server.log" || true)"
grep -h -B2 '^[A-Za-z.]*\(Error\|Exception\):' "$WORK/server.log" | grep -v '^--$' | sort | uniq -c | sort -rn | head -30 || true
[ "$errors" = "0" ]
