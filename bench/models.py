#!/usr/bin/env python3
"""Exports a torchvision ImageNet network with seeded weights to ONNX, for the interpreter benchmark
(docs/performance.md, "FP32 interpreter on ImageNet networks"). Large models are never committed:
write them outside the repository, e.g.

    /usr/bin/python3 bench/models.py resnet50 /tmp/resnet50.onnx

The weights are torchvision's random initialization under torch.manual_seed(0) (no download), the
network is in eval mode, the input is 1x3x224x224 with a dynamic batch dimension, opset 13.
"""
import argparse
import sys

import torch
import torchvision

MODELS = {
    "resnet18": torchvision.models.resnet18,
    "resnet50": torchvision.models.resnet50,
    "mobilenet_v2": torchvision.models.mobilenet_v2,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", choices=sorted(MODELS))
    ap.add_argument("out", help="the .onnx file to write")
    ap.add_argument("--opset", type=int, default=13, choices=(13, 17))
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    net = MODELS[args.model](weights=None).eval()
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        torch.onnx.export(net, x, args.out, opset_version=args.opset, input_names=["input"],
                          output_names=["logits"], dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                          do_constant_folding=True)
    print(f"wrote {args.out} ({args.model}, opset {args.opset})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
