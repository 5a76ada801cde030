#!/usr/bin/env bash
# Figures of the platform foundation, each with a baseline measured in the same run (medians of $RUNS runs):
#   - launch to ready (readiness probe UP) with the embedded PostgreSQL, first start on an empty data directory
#     (initdb, migrations, demo data), for a plain `java -jar` and for the production launch with a JDK AOT cache
#     (JDK 24+, extracted jar, cache from a training run); baseline: the embedded PostgreSQL alone started the same way;
#   - memory of the running platform: PSS of the JVM plus every PostgreSQL process (shared buffers count once);
#   - login latency p50/p99 with $CONCURRENCY simulated users, paced (each waits $THINK_MS ms between logins) and
#     saturated (back to back); each login is a fresh browser session: GET the form, timed POST;
#     baselines: a liveness probe at the same concurrency, and one argon2id verification.
# Only 127.0.0.1 is loaded, with a fixed number of requests.
# Usage: bench/run.sh   (RUNS=3 CONCURRENCY=20 LOGINS=30 THINK_MS=1000 ARGON2_MEMORY_KIB=7168 ARGON2_ITERATIONS=5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CONCURRENCY=${CONCURRENCY:-20}
LOGINS=${LOGINS:-30}            # per simulated user, per load shape and run
THINK_MS=${THINK_MS:-1000}
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
APP_ARGS=(--server.port="$PORT" --app.security.attempts-per-ip=100000000
          --app.security.argon2-memory-kib="$ARGON2_MEMORY_KIB" --app.security.argon2-iterations="$ARGON2_ITERATIONS"
          --logging.level.root=WARN)

AOT=()
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
if [ "$java_major" -ge 25 ]; then
  echo "Preparing the AOT cache (extracted jar + training run, not timed)..."
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >/dev/null
  EXTRACTED="$WORK/extracted/$(basename "$JAR")"
  "$JAVA" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
      --app.embedded-db.data-dir="$WORK/training/postgres" --app.security.data-key-file="$WORK/training/key" \
      --app.demo.enabled=false --server.port=0 > "$WORK/training.log" 2>&1
  AOT=(-XX:AOTCache="$WORK/app.aot" -jar "$EXTRACTED")
fi

pss_kib() { awk '/^Pss:/ {s+=$2} END {print s+0}' /proc/"$1"/smaps_rollup 2>/dev/null || echo 0; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# start_platform DIR LAUNCH... : starts it, waits for readiness, sets APP (pid) and READY_MS
start_platform() {
  local data=$1; shift
  mkdir -p "$data"
  local start; start=$(date +%s%N)
  "$JAVA" -Dlep-bench-marker-$$ "$@" "${APP_ARGS[@]}" --app.embedded-db.data-dir="$data/postgres" \
      --app.security.data-key-file="$data/key" > "$data/app.log" 2>&1 &
  APP=$!
  until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$APP" 2>/dev/null || { echo "platform exited; see below"; tail -50 "$data/app.log"; exit 1; }
    sleep 0.05
  done
  READY_MS=$(( ($(date +%s%N) - start) / 1000000 ))
}

# memory DIR : prints "<total MB> <PostgreSQL MB>", PSS of the JVM and the PostgreSQL processes, once settled
memory() {
  sleep 3
  local postmaster pg=0; postmaster=$(head -1 "$1/postgres/postmaster.pid")
  for p in $postmaster $(pgrep -P "$postmaster"); do pg=$(( pg + $(pss_kib "$p") )); done
  echo "$(( (pg + $(pss_kib "$APP")) / 1024 )) $(( pg / 1024 ))"
}

stop_platform() { kill "$APP"; wait "$APP" 2>/dev/null || true; }

: > "$WORK/results"
for run in $(seq 1 "$RUNS"); do
  pg_only=$("$JAVA" -cp "$CP" bench/EmbeddedPostgresOnly.java 2>/dev/null | sed -n 's/^RESULT pg_only_ready_ms=//p')

  start_platform "$WORK/plain$run" -jar "$JAR"
  plain_ms=$READY_MS
  read -r plain_mb _ < <(memory "$WORK/plain$run")
  stop_platform

  aot_ms=0
  if [ ${#AOT[@]} -gt 0 ]; then
    start_platform "$WORK/aot$run" "${AOT[@]}"
    aot_ms=$READY_MS
    stop_platform
  fi

  # The load runs against the plain launch, whose figures are the ones a JDK 21 deployment gets too.
  start_platform "$WORK/load$run" -jar "$JAR"
  load=$("$JAVA" -cp "$CP" bench/LoginLoad.java "http://127.0.0.1:$PORT" "$CONCURRENCY" "$LOGINS" \
      "$ARGON2_MEMORY_KIB" "$ARGON2_ITERATIONS" "$THINK_MS")
  read -r after_mb pg_mb < <(memory "$WORK/load$run")
  stop_platform

  echo "--- run $run: ready ${plain_ms} ms (AOT cache ${aot_ms} ms; PostgreSQL alone ${pg_only} ms)," \
       "memory ${plain_mb} MB after start, ${after_mb} MB after the load (PostgreSQL ${pg_mb} MB)"
  echo "$load" | grep -v '^RESULT'
  echo "ready_ms=$plain_ms aot_ms=$aot_ms pg_only_ms=$pg_only total_mb=$plain_mb after_mb=$after_mb pg_mb=$pg_mb $(echo "$load" | sed -n 's/^RESULT //p')" >> "$WORK/results"
done

field() { grep -o "\b$1=[0-9.]*" "$WORK/results" | cut -d= -f2 | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "-" }'; }
echo
echo "=== Medians of $RUNS runs ($(nproc) cores, Java $java_major, $CONCURRENCY simulated users, argon2id m=${ARGON2_MEMORY_KIB}KiB t=${ARGON2_ITERATIONS} p=1)"
printf "launch to ready, first start, java -jar   %8s ms  baseline PostgreSQL alone %s ms (ratio %sx)   aim < 15000 ms\n" \
  "$(field ready_ms)" "$(field pg_only_ms)" "$(ratio "$(field ready_ms)" "$(field pg_only_ms)")"
printf "launch to ready, first start, AOT cache   %8s ms  ratio to java -jar %sx\n" "$(field aot_ms)" "$(ratio "$(field aot_ms)" "$(field ready_ms)")"
printf "memory (PSS, JVM + PostgreSQL)            %8s MB after start, %s MB after the load; PostgreSQL %s MB   aim < 700 MB\n" \
  "$(field total_mb)" "$(field after_mb)" "$(field pg_mb)"
printf "login, paced (%s ms think time)         p50 %s ms  p99 %s ms   aim p99 < 150 ms\n" "$THINK_MS" "$(field paced_p50_ms)" "$(field paced_p99_ms)"
printf "login, saturated (back to back)           p50 %s ms  p99 %s ms\n" "$(field login_p50_ms)" "$(field login_p99_ms)"
printf "baseline liveness probe, same concurrency p50 %s ms  p99 %s ms   (paced login p99 / probe p99: %sx)\n" \
  "$(field probe_p50_ms)" "$(field probe_p99_ms)" "$(ratio "$(field paced_p99_ms)" "$(field probe_p99_ms)")"
printf "baseline one argon2id verification        %8s ms  (paced login p50 / argon2: %sx)\n" "$(field argon2_ms)" \
  "$(ratio "$(field paced_p50_ms)" "$(field argon2_ms)")"
