#!/usr/bin/env bash
# /recommend over HTTP under wrk: the API (Release, embedded SQLite) serves the active version of a
# model trained on synthetic interactions; wrk sends single-user top-N requests for random users.
#
#   bench/recommend-http.sh [--size 1m] [--algorithm als] [--connections 32] [--seconds 20] [--threads 1]
#
# Needs `wrk` (apt-get install wrk). Prints requests/s and latency percentiles. wrk and the server
# share this machine's cores, so the figure is a lower bound for a server with the machine to itself.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=1m ALGORITHM=als CONNECTIONS=32 SECONDS_=20 THREADS=1
while (($#)); do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --algorithm) ALGORITHM=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

WORK=$(mktemp -d /tmp/httm-http-bench.XXXXXX)
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
B="http://127.0.0.1:$PORT"
SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== build (Release)"
dotnet build -c Release -v q -nologo src/Api >/dev/null
dotnet build -c Release -v q -nologo bench/Recommend.Bench >/dev/null
dotnet bench/Recommend.Bench/bin/Release/net10.0/HttmOrleans.Recommend.Bench.dll --csv "$WORK/ratings.csv" --size "$SIZE"

echo "== server on $B (data in $WORK)"
HTTM_DATA_DIR="$WORK/data" HTTM_ADMIN_USER=bench HTTM_ADMIN_PASSWORD=bench-password Logging__LogLevel__Default=Warning \
  dotnet src/Api/bin/Release/net10.0/HttmOrleans.Api.dll --urls "$B" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf "$B/api/v1/silos" >/dev/null && break; sleep 0.5; done

json() { /usr/bin/python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -sf -X POST "$B/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"bench","password":"bench-password"}' | json '["access_token"]')
AUTH="Authorization: Bearer $TOKEN"
curl -sf -X POST "$B/api/v1/datasets" -H "$AUTH" -H 'content-type: application/json' -d '{"id":"bench","kind":"interactions"}' >/dev/null
curl -sf -X POST "$B/api/v1/datasets/bench/import?format=csv" -H "$AUTH" -H 'content-type: text/csv' --data-binary @"$WORK/ratings.csv" >/dev/null
curl -sf -X POST "$B/api/v1/models" -H "$AUTH" -H 'content-type: application/json' \
  -d "{\"id\":\"bench\",\"algorithm\":\"$ALGORITHM\",\"dataset_id\":\"bench\"}" >/dev/null
curl -sf -X POST "$B/api/v1/models/bench/versions" -H "$AUTH" -H 'content-type: application/json' -d '{}' >/dev/null
echo "== training $ALGORITHM on $SIZE"
while :; do
  STATUS=$(curl -sf "$B/api/v1/models/bench/versions/v1" | json '["status"]')
  [[ "$STATUS" == completed ]] && break
  [[ "$STATUS" == failed || "$STATUS" == stopped ]] && { echo "training $STATUS" >&2; exit 1; }
  sleep 1
done
USERS=$(cut -d, -f1 "$WORK/ratings.csv" | tail -n +2 | sort -u | wc -l)
curl -sf "$B/api/v1/models/bench/recommend?user_id=u1&n=10" >/dev/null   # loads the active version

cat >"$WORK/recommend.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format(nil, "/api/v1/models/bench/recommend?user_id=u" .. math.random(0, $USERS - 1) .. "&n=10")
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
echo "== warm-up 5 s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$WORK/recommend.lua" "$B" >/dev/null
echo "== wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_}s, top-10 for random users of $USERS ($(nproc) cores shared by wrk and the server)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" -s "$WORK/recommend.lua" "$B" | grep '^RESULT'
