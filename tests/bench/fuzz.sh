#!/usr/bin/env bash
# A long fuzz run (>= 50,000 requests by default) of the whole OpenAPI document against a
# seeded instance of its own on loopback, as the administrator and an account manager at
# once (FUZZ_WORKERS clients each, 1 by default; the requests shared out); prints the
# requests sent and the 5xx answers.
#   tests/bench/fuzz.sh [REQUESTS] [CLIENTS]    (FUZZ_SECONDS bounds the run: 3000 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
REQUESTS=${1:-50000}
CLIENTS=${2:-300}
SECONDS_MAX=${FUZZ_SECONDS:-3000}
WORKERS=${FUZZ_WORKERS:-1}
WORK=$(mktemp -d)
"$PY" tests/fuzz_server.py "$WORK/home" --clients "$CLIENTS" > "$WORK/ready" 2> "$WORK/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do
  grep -q READY "$WORK/ready" 2>/dev/null && break
  kill -0 $SERVER 2>/dev/null || { tail -30 "$WORK/server.log"; exit 1; }
  sleep 1
done
URL="http://127.0.0.1:$(awk '/READY/ {print $2}' "$WORK/ready")"
EACH=$(( (REQUESTS + 2 * WORKERS - 1) / (2 * WORKERS) ))
PIDS=()
for user in admin am0001; do
  for n in $(seq "$WORKERS"); do
    "$PY" tests/bench/fuzz.py "$URL" --user "$user" --requests "$EACH" --seconds "$SECONDS_MAX" \
      --positive 40 --negative 20 > "$WORK/$user-$n.out" 2>&1 &
    PIDS+=($!)
  done
done
for pid in "${PIDS[@]}"; do wait "$pid" || true; done
for f in "$WORK"/*.out; do grep -v '^You can reproduce' "$f" | grep -v " requests, .* 5xx ("; echo; done
total=$(awk '/^requests:/ {s += $2} END {print s}' "$WORK"/*.out)
errors=$(awk '/^5xx:/ {s += $2} END {print s}' "$WORK"/*.out)
echo "== total: $total requests, $errors 5xx"
LOG=${FUZZ_LOG:-/tmp/trellis-fuzz-server.log}
cp "$WORK/server.log" "$LOG"
echo "== server tracebacks: $(grep -c '^Traceback' "$LOG" || true) (the server's log: $LOG)"
grep -h -B2 '^[A-Za-z.]*\(Error\|Exception\):' "$WORK/server.log" | grep -v '^--$' | sort | uniq -c | sort -rn | head -30 || true
[ "$errors" = "0" ]
