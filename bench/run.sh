#!/usr/bin/env bash
# Portico's benchmarks in one run: Portico on an embedded PostgreSQL with many studios, under load from 127.0.0.1
# (portal reads against a bare endpoint, 1 studio against all, logins, migrations, onboarding, start-up with and
# without a JDK AOT cache) and the availability engine's JMH benchmarks. Prints a table of figures, targets and
# verdicts and writes it to bench/results/<date>.md. See dev.portico.bench.PorticoBench.
#   bench/run.sh                          the defaults: 1,000 studios, 15 s steady-state runs (15-20 minutes on 2 CPUs)
#   BENCH_QUICK=1 bench/run.sh            a smoke run (20 studios, 3 s runs, short JMH: about 5 minutes); its report goes
#                                         to bench/target/harness/<date>-quick.md, not bench/results/
#   BENCH_TENANTS=200 BENCH_SECONDS=10 bench/run.sh   fewer studios, shorter runs
#   BENCH_PROFILE=1 bench/run.sh          also record each load run with Java Flight Recorder and count its SQL statements
#                                         (pg_stat_statements): bench/target/harness/<endpoint>.jfr and .sql.txt
#   MAVEN_ARGS=-o bench/run.sh            build offline
# Needs what ./portico run needs (a JDK 21+, Node for the portal's build); the AOT cache figure needs JDK 25, which is
# preferred when several are installed. Everything it starts listens on 127.0.0.1 and is stopped at the end.
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
  local fallback=""
  for dir in "${candidates[@]}"; do
    local major
    major="$(java_major "$dir")"
    if [ "$major" -ge 21 ] 2>/dev/null && [ -x "$dir/bin/javac" ]; then
      [ "$major" -ge 25 ] && { echo "$dir"; return 0; }
      [ -z "$fallback" ] && fallback="$dir"
    fi
  done
  [ -n "$fallback" ] && { echo "$fallback"; return 0; }
  return 1
}

JAVA_HOME="$(find_jdk)" || { echo "The benchmarks need a JDK 21 or newer (25 for the AOT cache); set JAVA_HOME to one." >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

echo "Building Portico, its plugins and the bench on $(java -version 2>&1 | head -n1) (output in bench/target/build.log)..."
mkdir -p bench/target
./mvnw -q -B -DskipTests package >bench/target/build.log 2>&1 || { tail -n 40 bench/target/build.log >&2; echo "The build failed; see bench/target/build.log" >&2; exit 1; }

# One JVM holds Portico, the bare endpoints and the load generator; JMH and the start-up runs are child processes.
options=(-Xmx2g)
# JMH uses sun.misc.Unsafe, which JDK 24 and later warn about on every run.
[ "$(java_major "$JAVA_HOME")" -ge 24 ] && options+=(--sun-misc-unsafe-memory-access=allow)
exec java "${options[@]}" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.portico.bench.PorticoBench
