#!/usr/bin/env bash
# The speed benchmark of docs/performance.md: builds the bench module (and the modules it needs),
# then runs ancc.bench.SpeedBench with the options given, e.g.
#   bench/run.sh --models lenet,cnn_bn --batches 256,1000 --reps 5 --warmup 2
# With --floor first, runs ancc.bench.FloorBench (docs/performance.md, "The floor") instead, e.g.
#   bench/run.sh --floor --chip hermes-pcm --batch 256
# Environment: ANCC_MVN (the Maven command, default mvn), JAVA_HOME (optional).
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn="${ANCC_MVN:-mvn}"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
main=ancc.bench.SpeedBench
if [ "${1:-}" = "--floor" ]; then main=ancc.bench.FloorBench; shift; fi
cd "$root"
$mvn -q -pl bench -am install -DskipTests
$mvn -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
export DJL_CACHE_DIR="$root/bench/target/djl-cache" ENGINE_CACHE_DIR="$root/bench/target/djl-cache"
exec "$java" -Xmx2g -Dai.djl.offline=true -Dancc.repo.root="$root" \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" "$main" "$@"
