#!/usr/bin/env bash
# Figures of the platform foundation, each with a baseline measured in the same run (medians of $RUNS runs):
#   - launch to ready (readiness probe UP) with the embedded PostgreSQL, first start on an empty data directory
#     (initdb, migrations, demo data); baseline: the embedded PostgreSQL alone started the same way;
#   - memory of the running platform (PSS of the JVM plus every PostgreSQL process, so shared buffers count once);
#     baseline: the PostgreSQL share of it;
#   - login latency p50/p99 at $CONCURRENCY concurrent users (each login a fresh browser: GET the form, timed POST);
#     baselines: a liveness probe at the same concurrency, and one argon2id verification.
# Only 127.0.0.1 is loaded, with a fixed number of requests. Usage: bench/run.sh  (RUNS=3 CONCURRENCY=20 LOGINS=30)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CONCURRENCY=${CONCURRENCY:-20}
LOGINS=${LOGINS:-30}            # per concurrent user and run
ARGON2_MEMORY_KIB=${ARGON2_MEMORY_KIB:-7168}
ARGON2_ITERATIONS=${ARGON2_ITERATIONS:-5}
PORT=${PORT:-18080}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-bench.XXXXXX)
trap 'pkill -f "lep-bench-marker-$$" 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "Building the platform jar and the benchmark class path..."
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
JAR=$(ls target/local-economy-platform-*.jar | grep -v original | head -1)
CP=$(cat "$WORK/classpath")

pss_kib() { awk '/^Pss:/ {s+=$2} END {print s+0}' /proc/"$1"/smaps_rollup 2>/dev/null || echo 0; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

: > "$WORK/results"
for run in $(seq 1 "$RUNS"); do
  pg_only=$("$JAVA" -cp "$CP" bench/EmbeddedPostgresOnly.java 2>/dev/null | sed -n 's/^RESULT pg_only_ready_ms=//p')

  data="$WORK/run$run"
  mkdir -p "$data"
  start=$(date +%s%N)
  "$JAVA" -Dlep-bench-marker-$$ -jar "$JAR" --server.port="$PORT" --app.embedded-db.data-dir="$data/postgres" \
      --app.security.data-key-file="$data/key" --app.security.attempts-per-ip=100000000 \
      --app.security.argon2-memory-kib="$ARGON2_MEMORY_KIB" --app.security.argon2-iterations="$ARGON2_ITERATIONS" \
      --logging.level.root=WARN > "$data/app.log" 2>&1 &
  app=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$app" 2>/dev/null || { echo "platform exited; see $data/app.log"; tail -50 "$data/app.log"; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # Demo data is loaded right after readiness; measure memory once the first start has settled.
  until grep -q "Demo logins" "$data/app.log"; do sleep 0.1; done
  sleep 2
  postmaster=$(head -1 "$data/postgres/postmaster.pid")
  pg_kib=0
  for p in $postmaster $(pgrep -P "$postmaster"); do pg_kib=$(( pg_kib + $(pss_kib "$p") )); done
  java_kib=$(pss_kib "$app")
  total_mb=$(( (pg_kib + java_kib) / 1024 ))

  load=$("$JAVA" -cp "$CP" bench/LoginLoad.java "http://127.0.0.1:$PORT" "$CONCURRENCY" "$LOGINS" "$ARGON2_MEMORY_KIB" "$ARGON2_ITERATIONS")
  echo "--- run $run: ready ${ready_ms} ms (PostgreSQL alone ${pg_only} ms), memory ${total_mb} MB (PostgreSQL $(( pg_kib / 1024 )) MB)"
  echo "$load" | grep -v '^RESULT'
  result=$(echo "$load" | sed -n 's/^RESULT //p')
  echo "ready_ms=$ready_ms pg_only_ms=$pg_only total_mb=$total_mb pg_mb=$(( pg_kib / 1024 )) $result" >> "$WORK/results"

  kill "$app"; wait "$app" 2>/dev/null || true
done

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$WORK/results" | median; }
echo
echo "=== Medians of $RUNS runs ($(nproc) cores, $CONCURRENCY concurrent users, argon2id m=${ARGON2_MEMORY_KIB}KiB t=${ARGON2_ITERATIONS} p=1)"
printf "launch to ready, first start   %8s ms   baseline PostgreSQL alone %s ms   ratio %sx   (aim < 15000 ms)\n" \
  "$(field ready_ms)" "$(field pg_only_ms)" "$(awk -v a="$(field ready_ms)" -v b="$(field pg_only_ms)" 'BEGIN{printf "%.1f", a/b}')"
printf "memory (PSS, JVM + PostgreSQL) %8s MB   of which PostgreSQL %s MB                      (aim < 700 MB)\n" \
  "$(field total_mb)" "$(field pg_mb)"
printf "login p50 / p99                %8s / %s ms   baseline probe p50 / p99 %s / %s ms   (aim p99 < 150 ms)\n" \
  "$(field login_p50_ms)" "$(field login_p99_ms)" "$(field probe_p50_ms)" "$(field probe_p99_ms)"
printf "one argon2id verification      %8s ms   login p50 / argon2 ratio %sx\n" "$(field argon2_ms)" \
  "$(awk -v a="$(field login_p50_ms)" -v b="$(field argon2_ms)" 'BEGIN{printf "%.1f", a/b}')"
