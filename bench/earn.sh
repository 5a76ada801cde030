#!/usr/bin/env bash
# Earn API figures: POST /api/v1/savings/earnings from $CONCURRENCY concurrent clients (each its own keep-alive
# connection, a fresh Idempotency-Key per request, a random card and merchant device) against the platform on
# 127.0.0.1 with its embedded PostgreSQL, seeded over JDBC with $CARDS active cards and $MERCHANTS approved merchants;
# then, in the same run and on the same database, pgbench running the equivalent SQL transaction (bench/earn.pgbench:
# lock the balance row, insert the transaction and its two entries, update the balance) at the same concurrency for
# the same time. Medians of $RUNS runs. Aim: app throughput >= 0.5 x pgbench tps, and p99 <= 50 ms.
# A paced series follows the saturated one: each client waits $THINK_MS ms between earns (with saturating clients the
# latency is concurrency / throughput whatever the code does, Little's law).
# Usage: bench/earn.sh   (RUNS=3 CONCURRENCY=64 DURATION=30 CARDS=40000 MERCHANTS=615 THINK_MS=250 SKIP_BUILD=1 to reuse the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CONCURRENCY=${CONCURRENCY:-64}
# Not SECONDS: bash keeps the seconds since the shell started in that name.
SECONDS_PER_SERIES=${DURATION:-30}
CARDS=${CARDS:-40000}
MERCHANTS=${MERCHANTS:-615}
THINK_MS=${THINK_MS:-250}
PORT=${PORT:-18082}
PG_PORT=${PG_PORT:-15434}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-earn-bench.XXXXXX)
APP=""
trap '[ -n "$APP" ] && kill "$APP" 2>/dev/null; rm -rf "$WORK"' EXIT

if ! command -v pgbench >/dev/null; then
  echo "Installing pgbench (postgresql-client)..."
  apt-get install -y -q postgresql-client >/dev/null
fi
if [ -z "${SKIP_BUILD:-}" ] || ! ls target/local-economy-platform-*.jar >/dev/null 2>&1; then
  echo "Building the platform jar..."
  ./mvnw -q -B -DskipTests package
fi
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
JAR=$(ls target/local-economy-platform-*.jar | grep -v original | head -1)
CP="target/classes:$(cat "$WORK/classpath")"
# The pgbench script picks among the seeded cards and merchants.
sed -e "s/random(1, 40000)/random(1, $CARDS)/" -e "s/random(1, 615)/random(1, $MERCHANTS)/" bench/earn.pgbench > "$WORK/earn.pgbench"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
: > "$WORK/results"
for run in $(seq 1 "$RUNS"); do
  data="$WORK/run$run"
  mkdir -p "$data"
  "$JAVA" -jar "$JAR" --server.port="$PORT" --logging.level.root=WARN \
      --app.embedded-db.data-dir="$data/postgres" --app.embedded-db.port="$PG_PORT" \
      --app.security.data-key-file="$data/key" ${APP_ARGS:-} > "$data/app.log" 2>&1 &
  APP=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$APP" 2>/dev/null || { echo "platform exited; see below"; tail -50 "$data/app.log"; exit 1; }
    sleep 0.2
  done
  out=$("$JAVA" -cp "$CP" bench/EarnLoad.java "http://127.0.0.1:$PORT" "$PG_PORT" "$CONCURRENCY" \
      "$SECONDS_PER_SERIES" "$CARDS" "$MERCHANTS" "$THINK_MS")
  echo "--- run $run"
  echo "$out" | grep -v '^RESULT'
  # pgbench on the same database while the platform idles (its pool stays open, as in production).
  pg=$(PGPASSWORD="" pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CONCURRENCY" -j 2 \
      -T "$SECONDS_PER_SERIES" -f "$WORK/earn.pgbench" platform 2>&1) || { echo "$pg"; exit 1; }
  tps=$(echo "$pg" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -1)
  lat=$(echo "$pg" | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
  failed=$(echo "$pg" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
  echo "pgbench equivalent transaction: ${tps} tps, latency average ${lat} ms, failed ${failed:-0}"
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
  echo "$(echo "$out" | sed -n 's/^RESULT //p') pgbench_tps=$tps" >> "$WORK/results"
done

field() { grep -o "\b$1=[0-9.]*" "$WORK/results" | cut -d= -f2 | median; }
app=$(field app_rps); pg=$(field pgbench_tps)
echo
echo "=== Medians of $RUNS runs ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $CONCURRENCY clients, ${SECONDS_PER_SERIES}s, $CARDS cards, $MERCHANTS merchants)"
printf "earn API           %s req/s   p50 %s ms   p99 %s ms   (aim p99 <= 50 ms)\n" "$app" "$(field p50_ms)" "$(field p99_ms)"
printf "earn API paced     %s req/s   p50 %s ms   p99 %s ms   (%s ms between a client's earns)\n" \
  "$(field paced_rps)" "$(field paced_p50_ms)" "$(field paced_p99_ms)" "$THINK_MS"
printf "pgbench equivalent %s tps\n" "$pg"
printf "ratio app/pgbench  %s   (aim >= 0.5)\n" "$(awk -v a="$app" -v b="$pg" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "-" }')"
