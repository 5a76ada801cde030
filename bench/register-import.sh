#!/usr/bin/env bash
# Register import figures, medians of $RUNS runs, with a baseline measured in the same run:
#   - import of a population register of 40,000 and 400,000 households (1-3 adults each, valid national register
#     numbers), from the upload (file stored in the database) to the end of the import job, into a fresh programme;
#   - re-import of the same file (every household found unchanged: the idempotent path);
#   - baseline: reading the same file with commons-csv alone, no validation, no database.
# The platform runs in the benchmark's JVM on an embedded PostgreSQL (ephemeral), as in the tests.
# Usage: bench/register-import.sh   (RUNS=3 SIZES="40000 400000" HEAP=3g SEED=42)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"40000 400000"}
HEAP=${HEAP:-3g}
SEED=${SEED:-42}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-register-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "Building the platform and the benchmark class path..."
./mvnw -q -B -DskipTests compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$WORK/classpath")"

files=()
for n in $SIZES; do
  "$JAVA" bench/RegisterGenerator.java "$n" "$SEED" "$WORK/data"
  files+=("$WORK/data/population-$n.csv")
done

"$JAVA" -Xmx"$HEAP" -cp "$CP" bench/RegisterImportBench.java "$RUNS" "${files[@]}" | tee "$WORK/out" | grep --line-buffered '^RESULT' || {
  echo "benchmark failed; its output:"; tail -40 "$WORK/out"; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep "file=$1 " "$WORK/out" | grep -o "\b$2=[0-9.]*" | cut -d= -f2 | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "-" }'; }
echo
echo "=== Medians of $RUNS runs ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), heap $HEAP)"
for n in $SIZES; do
  f="population-$n.csv"
  imp=$(field "$f" import_ms); re=$(field "$f" reimport_ms); base=$(field "$f" baseline_parse_ms); rows=$(field "$f" rows)
  printf "%7s households (%s rows): import %6s ms, re-import (unchanged) %6s ms, baseline CSV parse %5s ms, ratio import/baseline %sx%s\n" \
    "$n" "$rows" "$imp" "$re" "$base" "$(ratio "$imp" "$base")" "$([ "$n" = 40000 ] && echo "   aim < 10000 ms" || true)"
done
