// The build failed on the gates: one message per failed gate, naming model, measured value and limit.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] ancc: mlp: accuracy [0-9.]+% is below minAccuracy 90% \(256 samples, 3 chips\)/
assert log =~ /\[ERROR\] ancc: mlp: energy per inference [0-9.]+ nJ exceeds maxEnergyPerInference 1 nJ/
assert log =~ /\[ERROR\] ancc: mlp: latency [0-9.]+ ns exceeds maxLatency 150 ns/
assert log =~ /\[INFO\] ancc: mlp: accuracy drop -?[0-9.]+ points .* is within maxAccuracyDrop 5%/
assert log =~ /Failed to execute goal io\.github\.ancc:ancc-maven-plugin:[^:]+:verify .*: ancc: 3 quality gates failed:/
// the compile itself succeeded and its outputs stay for inspection
assert new File(basedir, 'target/ancc/mlp/report.json').isFile()
assert !new File(basedir, 'target/ancc/.ancc-verified').exists()
return true
