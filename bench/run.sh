#!/usr/bin/env bash
# The speed benchmark of docs/performance.md: builds the bench module (and the modules it needs),
# then runs ancc.bench.SpeedBench with the options given, e.g.
#   bench/run.sh --models lenet,cnn_bn --batches 256,1000 --reps 5 --warmup 2
# With --floor first, runs ancc.bench.FloorBench (docs/performance.md, "The floor") instead, e.g.
#   bench/run.sh --floor --chip hermes-pcm --batch 256
# With --interp first, runs ancc.bench.InterpBench (docs/performance.md, "FP32 interpreter on
# ImageNet networks"): the FP32 interpreter and ONNX Runtime on one model, e.g.
#   /usr/bin/python3 bench/models.py resnet50 /tmp/resnet50.onnx
#   bench/run.sh --interp /tmp/resnet50.onnx --batch 1 --reps 5
# Environment: ANCC_MVN (the Maven command, default mvn), JAVA_HOME (optional).
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn="${ANCC_MVN:-mvn}"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
main=ancc.bench.SpeedBench
if [ "${1:-}" = "--floor" ]; then main=ancc.bench.FloorBench; shift; fi
if [ "${1:-}" = "--interp" ]; then main=ancc.bench.InterpBench; shift; fi
cd "$root"
# one reactor build: the classpath names the modules' jars in their target folders (nothing installed)
$mvn -q -pl bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
export DJL_CACHE_DIR="$root/bench/target/djl-cache" ENGINE_CACHE_DIR="$root/bench/target/djl-cache"
exec "$java" -Xmx4g -Dai.djl.offline=true -Dancc.repo.root="$root" \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" "$main" "$@"
