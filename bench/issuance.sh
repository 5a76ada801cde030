#!/usr/bin/env bash
# Card issuance figures (medians of $RUNS runs in one JVM with a $HEAP heap, on the embedded PostgreSQL):
#   - issuance of $CARDS cards: print-ready PDF + mail-merge CSV written to files, cards marked printed;
#     baseline: a bare loop that only encodes the same QR codes with ZXing, measured in the same run;
#   - digital card PDF latency p50/p95/p99 over $CALLS calls; baseline: one QR encoding.
# Usage: bench/issuance.sh   (CARDS=40000 RUNS=3 CALLS=500 HEAP=512m LAYOUT=CARRIER|SHEET)
set -euo pipefail
cd "$(dirname "$0")/.."
CARDS=${CARDS:-40000}
RUNS=${RUNS:-3}
CALLS=${CALLS:-500}
HEAP=${HEAP:-512m}
LAYOUT=${LAYOUT:-CARRIER}
JAVA=$(bench/find-java.sh)
WORK=$(mktemp -d /tmp/lep-issuance.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "Compiling the platform and the benchmark class path..."
./mvnw -q -B -ntp -DskipTests compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$WORK/classpath" -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat "$WORK/classpath")"

"$JAVA" -Xmx"$HEAP" -cp "$CP" bench/CardIssuanceBench.java "$CARDS" "$RUNS" "$CALLS" "$LAYOUT" | tee "$WORK/out"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
field() { grep '^RESULT' "$WORK/out" | grep -o "\b$1=[0-9.]*" | cut -d= -f2 | median; }
issuance=$(field issuance_ms)
qr=$(field qr_only_ms)
echo
echo "=== Card issuance, medians of $RUNS runs ($(nproc) cores, heap $HEAP, layout $LAYOUT)"
printf "numbering %s cards                   %8s ms\n" "$(field numbered)" "$(field numbering_ms)"
printf "issuance of %s cards (PDF + CSV)     %8s ms  aim < 30000 ms; PDF %s MB, heap peak %s MB\n" "$(field cards)" "$issuance" "$(field pdf_mb)" "$(field heap_peak_mb)"
printf "baseline: encoding the same QR codes   %8s ms  (ratio %sx)\n" "$qr" "$(awk -v a="$issuance" -v b="$qr" 'BEGIN{ printf "%.1f", a/b }')"
printf "digital card PDF                       p50 %s ms  p95 %s ms  p99 %s ms   aim p95 < 100 ms\n" \
  "$(field digital_p50_ms)" "$(field digital_p95_ms)" "$(field digital_p99_ms)"
printf "baseline: one QR encoding              p50 %s ms  p95 %s ms\n" "$(field qr_p50_ms)" "$(field qr_p95_ms)"
