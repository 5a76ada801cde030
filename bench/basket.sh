#!/usr/bin/env bash
# Basket update figures: $CONCURRENCY professionals, each logged in with a basket of their own (copies of the demo
# hotel and professional seeded over JDBC into the embedded PostgreSQL), send htmx basket updates (a brochure page's
# quantity 1 <-> 2 and the donation amount in turn, each answered with the basket fragment: offer re-priced, basket row
# locked, lines checked and saved, totals re-computed) against the platform on 127.0.0.1 with the demo data; back to
# back and paced ($THINK_MS ms between a professional's updates), $REQUESTS updates per professional and series; the
# readiness probe at the same concurrency as baseline (same run). Medians of $RUNS runs. Aim: p99 < 50 ms at 50.
# Idle machine, 2026-11-23 16:11 UTC (the lead, nothing else running; medians of 3, 50 professionals, 40 updates
#   each): one alone p50 8.7 ms p99 19.2 ms; paced 500 ms p50 14.0 ms p99 58.8 ms (runs 58.8 / 61.9 / 38.6); back to
#   back p50 265 ms p99 1,094 ms; readiness probe at the same concurrency p50 51 ms p99 98 ms. Aim p99 < 50 ms: not met.
# Figures (2026-11-23, 2 cores, RUNS=3 REQUESTS=20, load average 3 falling from 11: the other builds were ending):
#   one professional alone  p50 13.1 ms  p99 33.4 ms   (the service time of an update)
#   50 paced 500 ms         p50 19.9 ms  p99 82.0 ms   (aim p99 < 50 ms: not met on this machine)
#   50 back to back         p50 296 ms   p99 1060 ms   (saturated: ~170 updates/s on 2 cores, latency = 50 / throughput)
#   readiness probe at 50   p50 62 ms    p99 115 ms    (update p99 / probe p99 9.2x)
# Earlier runs with three other builds on the machine (load average 17) gave back to back p50 716 ms p99 2399 ms,
# paced p50 365 ms p99 1480 ms, alone p50 34 ms: the machine's load more than the update.
# By reading the code (not measured), an update runs about 17 SQL statements: session, mayActFor, campaign, the offer (establishment, campaign's ranges,
# products, rules, segments), the basket's lock (insert-if-absent + update returning), its lines read, saved, re-read.
# Usage: bench/basket.sh   (RUNS=3 CONCURRENCY=50 REQUESTS=40 THINK_MS=500 SKIP_BUILD=1 to reuse the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CONCURRENCY=${CONCURRENCY:-50}
REQUESTS=${REQUESTS:-40}        # per professional, per series and run
THINK_MS=${THINK_MS:-500}
PORT=${PORT:-18084}
PG_PORT=${PG_PORT:-15436}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-basket-bench.XXXXXX)
APP=""
trap '[ -n "$APP" ] && kill "$APP" 2>/dev/null; rm -rf "$WORK"' EXIT

if [ -z "${SKIP_BUILD:-}" ] || ! ls target/local-economy-platform-*.jar >/dev/null 2>&1; then
  echo "Building the platform jar..."
  ./mvnw -q -B -DskipTests package
fi
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
JAR=$(ls target/local-economy-platform-*.jar | grep -v original | head -1)
CP="target/classes:$(cat "$WORK/classpath")"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
: > "$WORK/results"
for run in $(seq 1 "$RUNS"); do
  data="$WORK/run$run"
  mkdir -p "$data"
  # Every simulated professional logs in from 127.0.0.1: the per-address login brake is lifted for the run.
  "$JAVA" -jar "$JAR" --server.port="$PORT" --logging.level.root=WARN \
      --app.embedded-db.data-dir="$data/postgres" --app.embedded-db.port="$PG_PORT" \
      --app.security.data-key-file="$data/key" --app.security.attempts-per-ip=100000 ${APP_ARGS:-} > "$data/app.log" 2>&1 &
  APP=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$APP" 2>/dev/null || { echo "platform exited; see below"; tail -50 "$data/app.log"; exit 1; }
    sleep 0.2
  done
  out=$("$JAVA" -cp "$CP" bench/BasketLoad.java "http://127.0.0.1:$PORT" "$PG_PORT" "$CONCURRENCY" "$REQUESTS" "$THINK_MS")
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
  echo "--- run $run"
  echo "$out" | grep -v '^RESULT'
  echo "$out" | sed -n 's/^RESULT //p' >> "$WORK/results"
done

field() { grep -o "\b$1=[0-9.]*" "$WORK/results" | cut -d= -f2 | median; }
echo
echo "=== Medians of $RUNS runs ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $CONCURRENCY professionals, $REQUESTS updates each)"
printf "basket update, one alone      p50 %s ms  p99 %s ms   (service time, no other professional)\n" "$(field alone_p50_ms)" "$(field alone_p99_ms)"
printf "basket update, back to back   p50 %s ms  p99 %s ms   aim p99 < 50 ms\n" "$(field update_p50_ms)" "$(field update_p99_ms)"
printf "basket update, paced %s ms   p50 %s ms  p99 %s ms\n" "$THINK_MS" "$(field paced_p50_ms)" "$(field paced_p99_ms)"
printf "baseline readiness probe      p50 %s ms  p99 %s ms   (update p99 / probe p99: %sx)\n" \
  "$(field probe_p50_ms)" "$(field probe_p99_ms)" \
  "$(awk -v a="$(field update_p99_ms)" -v b="$(field probe_p99_ms)" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "-" }')"
