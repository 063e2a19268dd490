// build.log holds the three builds in order: built; up to date (no work); rebuilt for another placement.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3 : "expected 3 builds, got " + runs.size()

assert runs[0].contains('ancc: mlp: all-memristor on chip default')
assert runs[0].contains('ancc: compiled 1 model into')
assert runs[0].contains('ancc: 1 quality gate passed for 1 model')

assert runs[1].contains('ancc: 1 model up to date, nothing to compile (no input changed since the last build): mlp')
assert runs[1].contains('ancc: quality gates up to date, nothing to verify')
assert !runs[1].contains('ancc: mlp: all-memristor')
assert !runs[1].contains('ancc: compiled')
assert runs[1].contains('BUILD SUCCESS')

assert runs[2].contains('ancc: mlp: all-sram on chip default')
assert runs[2].contains('ancc: 1 quality gate passed for 1 model')
assert new File(basedir, 'target/ancc/mlp/.ancc-inputs').text.contains('placement=all-sram')
return true
