// The outputs exist and are what they claim, and the log shows the compile and the passed gates.
def out = new File(basedir, 'target/ancc')
def model = new File(out, 'mlp')
['mlp.air', 'mlp.air.bin', 'mlp.xbp', 'mlp.xbp.bin', 'report.json', 'eval.json', '.ancc-inputs'].each {
  assert new File(model, it).isFile() : "missing output " + it
}
assert new File(out, 'ancc-models.txt').text == 'mlp\n'
def report = new groovy.json.JsonSlurper().parse(new File(model, 'report.json'))
assert report.schema == 'ancc-report/2'
assert report.command == 'compile'
assert report.placement == 'all-sram'
assert report.chip.name == 'default'
assert report.totals.energy_per_inference_uj > 0
def eval = new groovy.json.JsonSlurper().parse(new File(model, 'eval.json'))
assert eval.command == 'eval'
assert eval.accuracy.samples == 16
assert eval.accuracy.simulated_top1_mean >= 0.5
assert new File(model, 'mlp.xbp').text.contains('default')

def log = new File(basedir, 'build.log').text
assert log =~ /ancc: mlp: all-sram on chip default: \d+ arrays on \d+ tiles/
assert log.contains('ancc: compiled 1 model into')
assert log =~ /ancc: mlp: energy per inference [0-9.]+ uJ is within maxEnergyPerInference 2 uJ/
assert log.contains('ancc: 4 quality gates passed for 1 model')
assert log.contains('BUILD SUCCESS')
return true
