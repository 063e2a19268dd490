// The partitioner ran: its decisions are in partition.json and the program is compiled with them.
def model = new File(basedir, 'target/ancc/mlp')
def json = new groovy.json.JsonSlurper()
def partition = json.parse(new File(model, 'partition.json'))
assert partition.strategy == 'auto'
assert partition.budgetPercent == 1.0
assert partition.calibrationSamples == 64
assert !partition.syntheticCalibration
assert partition.measuredDropPercent <= 1.0
assert !partition.layers.isEmpty()
def report = json.parse(new File(model, 'report.json'))
assert report.placement == 'auto'
assert new File(model, 'eval.json').isFile()
assert new File(basedir, 'target/ancc-cache').isDirectory()

def log = new File(basedir, 'build.log').text
assert log =~ /ancc: mlp: auto at budget 1%: measured drop -?[0-9.]+% \(predicted -?[0-9.]+%\) on 64 calibration images/
assert log.contains('ancc: 1 quality gate passed for 1 model')
return true
