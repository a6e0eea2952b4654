#!/usr/bin/env bash
# Runs the availability benchmarks with JMH, prints a table and writes it to bench/results/<date>-availability.md.
#   bench/run.sh                   default settings (one fork, short warm-up: about a minute)
#   bench/run.sh -f 1 -wi 2 -i 3   any JMH options are passed through
#   BENCH_INCLUDE=oneStaff bench/run.sh   run only the benchmarks matching a regular expression
# Finds a JDK 21+ the way ./portico does. One benchmark thread and one forked JVM with a 256 MB heap: bounded and local.
set -euo pipefail
cd "$(dirname "$0")/.."

java_major() { # prints the major version of the JDK at $1, or 0
  local release="$1/release"
  [ -f "$release" ] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1
}

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do candidates+=("${dir%/}"); done
  for dir in "${candidates[@]}"; do
    if [ "$(java_major "$dir")" -ge 21 ] 2>/dev/null && [ -x "$dir/bin/javac" ]; then
      echo "$dir"; return 0
    fi
  done
  return 1
}

JAVA_HOME="$(find_jdk)" || { echo "The benchmarks need a JDK 21 or newer; set JAVA_HOME to one." >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

include="${BENCH_INCLUDE:-dev.portico.bench.AvailabilityBenchmark}"
csv=bench/target/jmh-result.csv
log=bench/target/jmh.log
report="bench/results/$(date +%F)-availability.md"

echo "Building bench (and the availability engine)..."
./mvnw -q -B -DskipTests package -pl bench -am

echo "Running JMH on $(java -version 2>&1 | head -n1); full output in $log"
rm -f "$csv"
if ! java -Xmx256m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main \
    -rf csv -rff "$csv" "$@" "$include" >"$log" 2>&1 || [ ! -s "$csv" ]; then
  tail -n 30 "$log" >&2
  echo "JMH failed; see $log" >&2
  exit 1
fi

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,params...]
table="$(awk -F, 'NR > 1 {
    gsub(/"/, "");
    name = $1; sub(/^.*\./, "", name);
    printf "| %s | %.3f | ± %.3f | %s |\n", name, $5, $6, $7
  }' "$csv")"

{
  echo "# Availability benchmark, $(date +%F)"
  echo
  echo "$(java -version 2>&1 | head -n1), $(nproc 2>/dev/null || echo '?') CPUs, JMH options: ${*:-defaults from the annotations}"
  echo
  echo "Targets (ops issue): 1 staff x 30 days < 2 ms (2000 us), 10 staff x 30 days < 10 ms (10000 us)."
  echo
  echo "| Benchmark | Score | Error | Unit |"
  echo "|---|---:|---:|---|"
  echo "$table"
} | tee "$report"
echo
echo "Written to $report"
