#!/usr/bin/env bash
# Enrolment submit figures: the identification POST (card number + national register number, after a GET of the form
# for its CSRF token) with $CONCURRENCY simulated users against the running platform on 127.0.0.1, with
# $HOUSEHOLDS households seeded over JDBC into its embedded PostgreSQL; p50/p99 of the right person and of an unknown
# card, and the liveness probe at the same concurrency as baseline (same run). Medians of $RUNS runs. Aim: p99 < 100 ms.
# The per-address and per-card allowances are lifted for the run: every simulated user comes from 127.0.0.1.
# Two load shapes: saturated (each user submits again as soon as answered) and paced ($THINK_MS ms between submits).
# Usage: bench/enrolment.sh   (RUNS=3 CONCURRENCY=50 REQUESTS=40 HOUSEHOLDS=40000 THINK_MS=1000 SKIP_BUILD=1 to reuse the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CONCURRENCY=${CONCURRENCY:-50}
REQUESTS=${REQUESTS:-40}        # per simulated user, per series and run
HOUSEHOLDS=${HOUSEHOLDS:-40000}
THINK_MS=${THINK_MS:-1000}
PORT=${PORT:-18081}
PG_PORT=${PG_PORT:-15433}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-enrol-bench.XXXXXX)
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
  "$JAVA" -jar "$JAR" --server.port="$PORT" --logging.level.root=WARN \
      --app.embedded-db.data-dir="$data/postgres" --app.embedded-db.port="$PG_PORT" \
      --app.security.data-key-file="$data/key" \
      --app.enrolment.attempts-per-ip=100000000 --app.enrolment.attempts-per-card=100000000 > "$data/app.log" 2>&1 &
  APP=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$APP" 2>/dev/null || { echo "platform exited; see below"; tail -50 "$data/app.log"; exit 1; }
    sleep 0.1
  done
  out=$("$JAVA" -cp "$CP" bench/EnrolmentLoad.java "http://127.0.0.1:$PORT" "$PG_PORT" "$data/key" \
      "$CONCURRENCY" "$REQUESTS" "$HOUSEHOLDS" "$THINK_MS")
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
  echo "--- run $run"
  echo "$out" | grep -v '^RESULT'
  echo "$out" | sed -n 's/^RESULT //p' >> "$WORK/results"
done

field() { grep -o "\b$1=[0-9.]*" "$WORK/results" | cut -d= -f2 | median; }
echo
echo "=== Medians of $RUNS runs ($(nproc) cores, $CONCURRENCY simulated users, $HOUSEHOLDS households with cards)"
printf "enrolment submit, right person   p50 %s ms  p99 %s ms   aim p99 < 100 ms\n" "$(field match_p50_ms)" "$(field match_p99_ms)"
printf "enrolment submit, unknown card   p50 %s ms  p99 %s ms\n" "$(field mismatch_p50_ms)" "$(field mismatch_p99_ms)"
printf "enrolment submit, paced %s ms   p50 %s ms  p99 %s ms\n" "$THINK_MS" "$(field paced_p50_ms)" "$(field paced_p99_ms)"
printf "baseline liveness probe          p50 %s ms  p99 %s ms   (submit p99 / probe p99: %sx)\n" \
  "$(field probe_p50_ms)" "$(field probe_p99_ms)" \
  "$(awk -v a="$(field match_p99_ms)" -v b="$(field probe_p99_ms)" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "-" }')"
