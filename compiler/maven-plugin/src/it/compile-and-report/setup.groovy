// Puts the testdata model where the plugin looks by default: src/main/onnx/**/*.onnx.
def onnx = new File(basedir, 'src/main/onnx')
onnx.mkdirs()
java.nio.file.Files.copy(new File(anccTestdata, 'models/mlp.onnx').toPath(), new File(onnx, 'mlp.onnx').toPath(),
    java.nio.file.StandardCopyOption.REPLACE_EXISTING)
return true
