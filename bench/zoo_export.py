#!/usr/bin/python3
"""Export the torchvision model zoo of bench/zoo.sh to ONNX, with seeded (untrained) weights.

    /usr/bin/python3 bench/zoo_export.py OUT_DIR [MODEL ...]

For each model (all of ZOO when none is named): torch.manual_seed(0), the torchvision constructor
with weights=None (nothing is downloaded), weight tensors the constructor leaves all zero (ViT-B/16's
head) drawn from N(0, 0.02^2), eval(), torch.onnx.export at opset 17 with input
`input` float32 [N,3,224,224] (N symbolic) and output `logits` [N,1000]. Skips a model whose
OUT_DIR/NAME.onnx exists. Also writes OUT_DIR/input_1.npy, one seeded standard-normal image
(numpy seed 0), and appends `name<TAB>params<TAB>macs` to OUT_DIR/manifest.tsv.

MACs are counted on a second, static batch-1 export (deleted again) after onnx shape inference: Conv as
output elements x (input channels / group) x kernel size, MatMul and Gemm as output elements x
the reduced dimension (so attention's activation products count too); other ops, and products
whose operand rank onnx's shape inference does not know, are not counted.
The files are written to OUT_DIR only, never into the repository.
"""

import os
import sys
import time

import numpy as np
import onnx
import torch
import torchvision.models as tvm

OPSET = 17
ZOO = {
    "resnet18": tvm.resnet18,
    "resnet50": tvm.resnet50,
    "mobilenet_v2": tvm.mobilenet_v2,
    "mobilenet_v3_small": tvm.mobilenet_v3_small,
    "efficientnet_b0": tvm.efficientnet_b0,
    "densenet121": tvm.densenet121,
    "squeezenet1_1": tvm.squeezenet1_1,
    "shufflenet_v2_x1_0": tvm.shufflenet_v2_x1_0,
    "regnet_y_400mf": tvm.regnet_y_400mf,
    "googlenet": lambda **kw: tvm.googlenet(aux_logits=False, init_weights=True, **kw),
    "vgg11": tvm.vgg11,
    "vit_b_16": tvm.vit_b_16,
    "swin_t": tvm.swin_t,
}


def dims(vi):
    return [d.dim_value if d.HasField("dim_value") else 1 for d in vi.type.tensor_type.shape.dim]


def count_macs(path):
    """MACs of Conv, MatMul and Gemm in the ONNX file at `path` (a symbolic dim counts as 1)."""
    m = onnx.shape_inference.infer_shapes(onnx.load(path), data_prop=True)
    g = m.graph
    shape = {vi.name: dims(vi) for vi in list(g.value_info) + list(g.input) + list(g.output)}
    for t in g.initializer:
        shape[t.name] = list(t.dims)
    macs = 0
    for n in g.node:
        out = shape.get(n.output[0])
        if out is None:
            continue
        if n.op_type == "Conv":
            w = shape[n.input[1]]
            macs += int(np.prod(out)) * int(np.prod(w[1:]))
        elif n.op_type in ("MatMul", "Gemm"):
            a = shape.get(n.input[0])
            if not a:  # rank unknown to onnx's shape inference: not counted
                continue
            trans_a = any(at.name == "transA" and at.i for at in n.attribute)
            k = a[-2] if (n.op_type == "Gemm" and trans_a) else a[-1]
            macs += int(np.prod(out)) * k
    return macs


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: zoo_export.py OUT_DIR [MODEL ...]")
    out = sys.argv[1]
    names = sys.argv[2:] or list(ZOO)
    unknown = [n for n in names if n not in ZOO]
    if unknown:
        sys.exit(f"unknown model(s) {unknown}; known: {', '.join(ZOO)}")
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    image = os.path.join(out, "input_1.npy")
    if not os.path.exists(image):
        np.save(image, np.random.default_rng(0).standard_normal((1, 3, 224, 224), dtype=np.float32))
    manifest = os.path.join(out, "manifest.tsv")
    done = set()
    if os.path.exists(manifest):
        with open(manifest) as f:
            done = {line.split("\t")[0] for line in f if line.strip()}
    for name in names:
        path = os.path.join(out, name + ".onnx")
        if os.path.exists(path) and name in done:
            print(f"{name}: exists", flush=True)
            continue
        t0 = time.time()
        torch.manual_seed(0)
        model = ZOO[name](weights=None).eval()
        # torchvision initializes some weights to zero (ViT-B/16's classification head), which
        # makes every logit 0 and any comparison of outputs void: draw those from N(0, 0.02^2)
        with torch.no_grad():
            for pname, p in model.named_parameters():
                if p.dim() >= 2 and not p.any():
                    p.normal_(0.0, 0.02)
                    print(f"{name}: {pname} was all zeros; drawn from N(0, 0.02^2)", flush=True)
        params = sum(p.numel() for p in model.parameters())
        # not under torch.no_grad(): in eval mode without grad, nn.MultiheadAttention takes its
        # fused fast path (aten::_native_multi_head_attention), which torch 1.13 cannot export
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), path, opset_version=OPSET,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
        # counted on a static batch-1 export: there torch folds the shape arithmetic, so onnx's
        # shape inference knows every operand (on the dynamic file it loses some, e.g. after
        # ShuffleNet's channel shuffle)
        static = path + ".static.tmp"
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), static, opset_version=OPSET)
        macs = count_macs(static)
        os.remove(static)
        with open(manifest, "a") as f:
            f.write(f"{name}\t{params}\t{macs}\n")
        print(f"{name}: {params / 1e6:.1f}M params, {macs / 1e9:.2f} GMACs, "
              f"{os.path.getsize(path) / 1e6:.0f} MB, {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
