#!/usr/bin/env bash
# Conversion figures (medians of $RUNS runs in one JVM with a $HEAP heap, on the embedded PostgreSQL):
#   - conversion of $CARDS ACTIVE cards with credit by the real code (Conversions.execute and its job: chunks of
#     5,000 cards, one set-based statement each), timed from the call to the job's end, report included;
#   - the dry run (one aggregate);
#   - baseline in the same run: one plain UPDATE of every balance row (the floor), and the ratio to it.
# Measured 2026-11-23 (2 cores, idle, medians of 3): 400,000 cards in 38.1 s (10,500 cards/s), dry run 0.49 s,
# plain UPDATE floor 2.3 s (ratio 16.4x). The 30 s aim is not met (docs/performance.md says why). CPU-bound: two chunks at a time run 1.9x as fast
# as one, three no faster; the report (ledger sums) takes 0.2 s at 100,000 cards.
# Usage: bench/conversion.sh   (CARDS=400000 RUNS=3 HEAP=512m)
set -euo pipefail
cd "$(dirname "$0")/.."
CARDS=${CARDS:-400000}
RUNS=${RUNS:-3}
HEAP=${HEAP:-512m}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-conversion.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "Compiling the platform and the benchmark class path..."
./mvnw -q -B -ntp -DskipTests compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$WORK/classpath")"

"$JAVA" -Xmx"$HEAP" -cp "$CP" bench/ConversionBench.java "$CARDS" "$RUNS" | tee "$WORK/out"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep '^RESULT' "$WORK/out" | grep -o "\b$1=[0-9.]*" | cut -d= -f2 | median; }
conversion=$(field conversion_ms)
floor=$(field floor_ms)
cards=$(field cards)
echo
echo "=== Conversion, medians of $RUNS runs ($(nproc) cores, heap $HEAP)"
printf "conversion of %s cards with credit     %8s ms  %s cards/s   aim < 30000 ms\n" "$cards" "$conversion" \
  "$(awk -v c="$cards" -v ms="$conversion" 'BEGIN{ printf "%.0f", c*1000/ms }')"
printf "dry run (figures per category)           %8s ms\n" "$(field dry_run_ms)"
printf "baseline: one plain UPDATE of the balances %6s ms  (ratio %sx)\n" "$floor" \
  "$(awk -v a="$conversion" -v b="$floor" 'BEGIN{ printf "%.1f", a/b }')"
