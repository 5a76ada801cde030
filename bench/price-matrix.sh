#!/usr/bin/env bash
# Price matrix figures (medians of $RUNS runs after a warm-up, in one JVM with a $HEAP heap, on the embedded
# PostgreSQL): Catalogue.offersForAll for $ESTABLISHMENTS establishments × $PRODUCTS products with 3–5 rules each —
# loading the establishments and the campaign, resolving each one's ranges, pricing every product it is offered with
# its explanation steps — against a baseline measured in the same run: the same loading and loops with every price
# replaced by the base price.
# Idle machine, 2026-11-23 16:15 UTC (the lead, nothing else running; medians of 3 after warm-ups): 105 ms, baseline
#   14 ms (7.5x). The figures below were taken while other builds shared the cores.
# Measured 2026-11-23 (2 cores, shared with three other engineers' builds; JDK 25, heap 512m; runs after 3 warm-ups):
# 2,000 establishments × 50 products (97,290 prices computed, each with its explanation steps) in 391 ms median
# (359 / 391 / 491 ms), aim < 1000 ms met; baseline (same loading and loops, base prices) 91 ms median
# (137 / 91 / 72 ms), ratio 4.3x: the rules themselves cost about 300 ms, i.e. ~3 µs per price.
# Usage: bench/price-matrix.sh   (ESTABLISHMENTS=2000 PRODUCTS=50 RUNS=3 HEAP=512m)
set -euo pipefail
cd "$(dirname "$0")/.."
ESTABLISHMENTS=${ESTABLISHMENTS:-2000}
PRODUCTS=${PRODUCTS:-50}
RUNS=${RUNS:-3}
HEAP=${HEAP:-512m}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-price-matrix.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "Compiling the platform and the benchmark class path..."
./mvnw -q -B -ntp -DskipTests compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$WORK/classpath")"

"$JAVA" -Xmx"$HEAP" -cp "$CP" bench/PriceMatrixBench.java "$ESTABLISHMENTS" "$PRODUCTS" "$RUNS" | tee "$WORK/out"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep '^RESULT' "$WORK/out" | grep -o "\b$1=[0-9.]*" | cut -d= -f2 | median; }
matrix=$(field matrix_ms)
baseline=$(field baseline_ms)
echo
echo "=== Price matrix, medians of $RUNS runs ($(nproc) cores, heap $HEAP)"
printf "%s establishments × %s products: %s prices computed in %8s ms   aim < 1000 ms\n" \
  "$(field establishments)" "$PRODUCTS" "$(field priced)" "$matrix"
printf "baseline: same loading and loops, base prices  %8s ms  (ratio %sx)\n" "$baseline" \
  "$(awk -v a="$matrix" -v b="$baseline" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "n/a" }')"
