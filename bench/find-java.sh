#!/usr/bin/env bash
# Prints the path of a java executable of version 21 or newer: JAVA_HOME first, then the default java, then the
# JDKs installed under /usr/lib/jvm (where this machine keeps its second JDK), newest first.
set -euo pipefail
version_of() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
command -v java >/dev/null && candidates+=("$(command -v java)")
for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${d}bin/java"); done
for j in "${candidates[@]}"; do
  if [ -x "$j" ] && [ "$(version_of "$j" | cut -d. -f1)" -ge 21 ] 2>/dev/null; then echo "$j"; exit 0; fi
done
echo "No Java 21+ found: install a JDK 21 or newer, or set JAVA_HOME" >&2
exit 1
