#!/usr/bin/env bash
# The model-zoo bench (issue 13): exports torchvision networks with seeded weights
# (bench/zoo_export.py) and runs the ancc CLI on each, stage by stage, printing one markdown table
# row per model: parameters and MACs, then for every stage its status, wall time and peak RSS
# (/usr/bin/time -v), the arrays and tiles the compile reports, and how the ideal simulation agrees
# with the FP32 reference on the same image. Not a test: it takes minutes to hours.
#
#   bench/zoo.sh [--out DIR] [--models a,b,...] [--timeout SEC] [--placement P] [--chip C]
#                [--calib-samples N] [--build]
#
#   --out DIR          scratch folder for the models and every stage's output (default /tmp/ancc-zoo;
#                      never inside the repository)
#   --models LIST      comma-separated subset of bench/zoo_export.py's ZOO (default: all, in order)
#   --timeout SEC      per stage; a stage that runs longer is killed and reported (default 600)
#   --placement P      compile placement (default all-memristor: no sensitivity analysis)
#   --chip C           chip preset or file (default `default`)
#   --calib-samples N  synthetic calibration inputs of the compile (default 16)
#   --build            rebuild compiler/cli/target/ancc.jar first (it is built when missing)
#
# Stages per model (each a separate JVM, in DIR/NAME/):
#   import   ancc import NAME.onnx -o NAME.air                     (import + canonicalize)
#   fp32     ancc run NAME.onnx -i input_1.npy --mode reference     (the FP32 interpreter, 1 image)
#   compile  ancc compile NAME.onnx --chip C --placement P [--scale-to-fit]   (the flag when
#            `ancc compile --help` lists it)
#   analog   ancc run COMPILED -i input_1.npy --mode analog --seed 0          (1 image)
#   ideal    ancc run COMPILED -i input_1.npy --mode ideal --json; compared with the fp32 output:
#            cosine similarity of the logits and whether the top-1 class is the same; from its JSON
#            report: ancc's MAC count (GMACs column), energy and latency of one inference and the
#            share of the energy spent in DRAM (spilled buffers)
# A failed stage shows its exit code and the last line of its stderr; stages that need its output
# are skipped. Environment: JAVA (default java), JAVA_OPTS (e.g. -Xmx3g), PYTHON (/usr/bin/python3).
set -uo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=/tmp/ancc-zoo
models=""
timeout_s=600
placement=all-memristor
chip=default
calib=16
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --placement) placement="$2"; shift 2 ;;
    --chip) chip="$2"; shift 2 ;;
    --calib-samples) calib="$2"; shift 2 ;;
    --build) build=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "zoo.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$(realpath -m "$out")/" in
  "$root"/*) echo "zoo.sh: --out $out is inside the repository; use a scratch folder" >&2; exit 2 ;;
esac
java="${JAVA:-java}"
python="${PYTHON:-/usr/bin/python3}"
jar="$root/compiler/cli/target/ancc.jar"
timer=/usr/bin/time
[ -x "$timer" ] || { echo "zoo.sh: $timer is missing (apt-get install time)" >&2; exit 2; }
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -ntp -o -q package -DskipTests -pl compiler/cli -am) || { echo "zoo.sh: build failed" >&2; exit 1; }
fi
mkdir -p "$out"
if [ -z "$models" ]; then
  models=$("$python" -c "import sys; sys.path.insert(0, '$root/bench'); import zoo_export; print(','.join(zoo_export.ZOO))") || exit 1
fi
scale=""
if "$java" -jar "$jar" compile --help 2>&1 | grep -q -- '--scale-to-fit'; then scale="--scale-to-fit"; fi
echo "zoo.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), ancc $("$java" -jar "$jar" --version 2>&1 | head -1), chip $chip, placement $placement, calib-samples $calib, ${scale:-no --scale-to-fit}, timeout ${timeout_s}s, out $out" >&2

# stage NAME DIR CMD...: runs CMD under timeout and /usr/bin/time -v in DIR; sets rc, wall (s),
# rss (MB) and why (the one-line error) and prints nothing.
stage() {
  local name="$1" dir="$2"; shift 2
  (cd "$dir" && "$timer" -v -o "$name.time" timeout -k 10 "$timeout_s" "$@" > "$name.out" 2> "$name.err")
  rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s }' "$dir/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$dir/$name.time")
  why=""
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    why="timeout after ${timeout_s}s"
  elif [ "$rc" != 0 ]; then
    why=$(grep -v '^\s*$' "$dir/$name.err" | grep -E 'error|Error|Exception' | tail -1)
    [ -n "$why" ] || why=$(grep -v '^\s*$' "$dir/$name.err" | tail -1)
    why=$(printf '%s' "$why" | cut -c1-160 | sed 's/|/\\|/g')
  fi
}

# cell: the table cell of the last stage
cell() {
  if [ "$rc" = 0 ]; then
    printf 'ok %ss, %s MB' "$wall" "$rss"
  else
    printf '**exit %s** %ss, %s MB: %s' "$rc" "$wall" "$rss" "$why"
  fi
}

table="$out/zoo.md"
{
  echo "| model | params | GMACs | import | fp32 ref (1 img) | compile ($chip, $placement${scale:+, $scale}) | arrays | tiles | analog run (1 img) | ideal vs fp32 | energy/inference, latency (DRAM share) |"
  echo "|---|---:|---:|---|---|---|---|---|---|---|---|"
} | tee "$table"

IFS=, read -ra list <<< "$models"
for m in "${list[@]}"; do
  dir="$out/$m"
  mkdir -p "$dir"
  onnx="$out/$m.onnx"
  img="$out/input_1.npy"
  if [ ! -f "$onnx" ]; then
    (cd "$out" && timeout "$timeout_s" "$python" "$root/bench/zoo_export.py" "$out" "$m" > "$dir/export.log" 2>&1)
  fi
  if [ ! -f "$onnx" ]; then
    echo "| $m | | | **export failed**: $(tail -1 "$dir/export.log" | cut -c1-160 | sed 's/|/\\|/g') | | | | | | |" | tee -a "$table"
    continue
  fi
  read -r params macs < <(awk -F'\t' -v m="$m" '$1 == m { printf "%.1fM %.2f\n", $2 / 1e6, $3 / 1e9 }' "$out/manifest.tsv" | tail -1)

  stage import "$dir" "$java" ${JAVA_OPTS:-} -jar "$jar" import "$onnx" -o "$dir/$m.air"
  c_import=$(cell)

  stage fp32 "$dir" "$java" ${JAVA_OPTS:-} -jar "$jar" run "$onnx" -i "$img" -o "$dir/fp32.npy" --mode reference
  c_fp32=$(cell); fp32_ok=$rc

  stage compile "$dir" "$java" ${JAVA_OPTS:-} -jar "$jar" compile "$onnx" -o "$dir/compiled" --chip "$chip" \
    --placement "$placement" --calib-samples "$calib" $scale
  c_compile=$(cell); compile_ok=$rc
  arrays="-"; tiles="-"
  if [ "$compile_ok" = 0 ]; then
    arrays=$(awk '/ arrays: +[0-9]+ of [0-9]+/ { sub(/:$/, "", $1); printf "%s%s %s/%s", sep, $1, $3, $5; sep = ", " }' "$dir/compile.out")
    tiles=$(awk '/^tiles used:/ { printf "%s/%s", $3, $5 }' "$dir/compile.out")
    scaled=$(grep -ihE '^(scaled|chip scaled|scale)' "$dir/compile.out" "$dir/compile.err" | head -1 | cut -c1-100 | sed 's/|/\\|/g')
    [ -n "$scaled" ] && tiles="$tiles ($scaled)"
  fi

  c_analog="skipped (no compile)"; c_ideal="skipped (no compile)"; cost="-"
  if [ "$compile_ok" = 0 ]; then
    stage analog "$dir" "$java" ${JAVA_OPTS:-} -jar "$jar" run "$dir/compiled" -i "$img" -o "$dir/analog.npy" --mode analog --seed 0
    c_analog=$(cell)
    stage ideal "$dir" "$java" ${JAVA_OPTS:-} -jar "$jar" run "$dir/compiled" -i "$img" -o "$dir/ideal.npy" --mode ideal \
      --json "$dir/ideal.json"
    c_ideal=$(cell)
    if [ "$rc" = 0 ] && [ -f "$dir/ideal.json" ]; then
      # ancc's own MAC count (the manifest's comes from onnx shape inference, which misses layers
      # behind shapes it cannot propagate), and the simulated energy and latency of one inference
      read -r macs cost < <("$python" -c "
import json
d = json.load(open('$dir/ideal.json')); t = d['totals']; e = t['energy_pj']
dram = sum(v for k, v in e.items() if k.startswith('dram.'))
print(f\"{d['model']['macs'] / 1e9:.2f} {t['energy_per_inference_uj']:.1f}uJ,{t['latency_us']:.0f}us,({100 * dram / max(sum(e.values()), 1e-30):.0f}%)\")")
      cost="${cost//,/, }"
    fi
    if [ "$rc" = 0 ] && [ "$fp32_ok" = 0 ]; then
      agree=$("$python" -c "
import numpy as np
a = np.load('$dir/fp32.npy').astype(np.float64).ravel(); b = np.load('$dir/ideal.npy').astype(np.float64).ravel()
cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-30)
print(f'cos {cos:.4f}, top-1 {\"same\" if a.argmax() == b.argmax() else \"differs\"}')")
      c_ideal="$c_ideal; $agree"
    fi
  fi
  echo "| $m | $params | $macs | $c_import | $c_fp32 | $c_compile | $arrays | $tiles | $c_analog | $c_ideal | $cost |" | tee -a "$table"
done
echo "zoo.sh: table in $table" >&2
