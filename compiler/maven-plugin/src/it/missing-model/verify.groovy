def log = new File(basedir, 'build.log').text
assert log =~ /ancc: .*src\/main\/onnx: model directory not found; put the ONNX models there, set modelDirectory, or skip with -Dancc.skip/
assert log.contains('ancc: skipped (ancc.skip)')
assert !new File(basedir, 'target/ancc').exists()
return true
