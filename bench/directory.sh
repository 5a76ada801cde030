#!/usr/bin/env bash
# Directory figures (medians of $RUNS runs after 3 warm-ups, in one JVM with a $HEAP heap, on the embedded
# PostgreSQL): Establishments.all for $ESTABLISHMENTS establishments with seasons, references and custom values (what
# the price matrix and every segment count load), and Segments.members for a nested criterion (load + evaluation),
# against a baseline measured in the same run: one plain JDBC read of the same rows into maps.
# Idle machine, 2026-11-23 16:16 UTC (the lead, nothing else running; medians of 5): Establishments.all for 5,000
#   in 35 ms, Segments.members 39 ms, plain JDBC 17 ms (2.1x). The figures below were taken on a shared machine.
# Measured 2026-11-23 (2 cores, shared with other builds; heap 512m; medians of 5 after 3 warm-ups): 5,000
# establishments loaded in 155 ms (94–316 ms), aim well under 1 s met; Segments.members for a nested criterion
# (810 match) 147 ms; plain JDBC read of the rows 60 ms (ratio 2.6x).
# Usage: bench/directory.sh   (ESTABLISHMENTS=5000 RUNS=5 HEAP=512m)
set -euo pipefail
cd "$(dirname "$0")/.."
ESTABLISHMENTS=${ESTABLISHMENTS:-5000}
RUNS=${RUNS:-5}
HEAP=${HEAP:-512m}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-directory.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "Compiling the platform and the benchmark class path..."
./mvnw -q -B -ntp -DskipTests compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$WORK/classpath")"

"$JAVA" -Xmx"$HEAP" -cp "$CP" bench/DirectoryBench.java "$ESTABLISHMENTS" "$RUNS" | tee "$WORK/out"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep '^RESULT' "$WORK/out" | grep -o "\b$1=[0-9.]*" | cut -d= -f2 | median; }
all=$(field all_ms)
floor=$(field floor_ms)
echo
echo "=== Directory, medians of $RUNS runs ($(nproc) cores, heap $HEAP)"
printf "Establishments.all, %s establishments      %6s ms   aim well under 1000 ms\n" "$(field establishments)" "$all"
printf "Segments.members (nested criterion, %s match) %6s ms\n" "$(field members)" "$(field members_ms)"
printf "baseline: plain JDBC read of the rows         %6s ms  (ratio %sx)\n" "$floor" \
  "$(awk -v a="$all" -v b="$floor" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "n/a" }')"
