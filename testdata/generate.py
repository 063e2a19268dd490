#!/usr/bin/python3
"""Generate ancc's small real test models (Fashion-MNIST) and golden data.

Run from the repository root:

    /usr/bin/python3 testdata/generate.py

Inputs (read directly with gzip + numpy, nothing is downloaded):
    /usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
    (Debian package `dataset-fashion-mnist`; Zalando Research, MIT/Expat license)

Normalization applied to every image (float32):
    x_norm = (x_uint8 / 255 - 0.2860) / 0.3530
(0.2860 / 0.3530 are the usual Fashion-MNIST training-set mean / std.)

Outputs (all under testdata/, paths relative to this script):
    models/<name>.onnx            opset 13, input `input` float32 [N,1,28,28],
                                  output `logits` float32 [N,10], batch axis `N`
    models/<name>.logits_16.npy   torch FP32 logits on fashion_mnist/images_16.npy
    fashion_mnist/images_{16,256}.npy  first 16/256 normalized test images [n,1,28,28] f32
    fashion_mnist/labels_{16,256}.npy  their labels, int64 [n]

Besides training + export, the script checks every exported model with
onnx.checker, checks weights are embedded and the file is < 2 MB, and runs a
tiny numpy interpreter of the exported ONNX graph (below) on images_16 and
images_256 to confirm the ONNX graph reproduces the torch golden logits.

Determinism: seeds are fixed and torch runs with 2 threads and deterministic
algorithms, so reruns on the same machine/toolchain give the same files.
Bit-exactness across torch versions or CPUs is NOT guaranteed; tests must use
the committed files, not regenerate them.
"""

import gzip
import hashlib
import os
import random
import sys
import time

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20240601
MEAN, STD = 0.2860, 0.3530
DATA_DIR = "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.join(HERE, "models")
FM_DIR = os.path.join(HERE, "fashion_mnist")
OPSET = 13
MAX_BYTES = 2 * 1024 * 1024

# (name, epochs, number of training images used (first n of a fixed permutation))
TRAIN_PLAN = {
    "mlp": (3, 60000),
    "lenet": (4, 60000),
    "cnn_bn": (3, 60000),
    "resnet_small": (2, 60000),
}
BATCH = 128
LR = 1e-3


# --------------------------------------------------------------------------- data
def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    assert data[0] == 0 and data[1] == 0 and data[2] == 0x08, "expected uint8 IDX"
    ndim = magic & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    return arr.reshape(dims)


def load_split(prefix):
    x = read_idx(os.path.join(DATA_DIR, prefix + "-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(DATA_DIR, prefix + "-labels-idx1-ubyte.gz"))
    x = ((x.astype(np.float32) / np.float32(255.0) - np.float32(MEAN)) / np.float32(STD))
    x = np.ascontiguousarray(x.reshape(-1, 1, 28, 28), dtype=np.float32)
    return x, y.astype(np.int64)


# --------------------------------------------------------------------------- models
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Flatten(),
            nn.Linear(784, 128), nn.ReLU(),
            nn.Linear(128, 64), nn.ReLU(),
            nn.Linear(64, 10),
        )

    def forward(self, x):
        return self.net(x)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        # Deliberately view(size(0), -1): exports Shape/Gather/Unsqueeze/Concat/Reshape.
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class CnnBn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.drop = nn.Dropout(0.25)
        self.fc = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        # count_include_pad=False is numerically identical here (padding=0), but
        # with the default (True) torch 1.13 emits a no-op Pad(all zeros) before
        # AveragePool; we want a clean AveragePool.
        x = F.avg_pool2d(F.relu(self.bn2(self.conv2(x))), 2, count_include_pad=False)
        x = torch.flatten(x, 1)
        x = self.drop(x)
        return self.fc(x)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))
        else:
            self.shortcut = nn.Identity()

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class ResNetSmall(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1, bias=False),
                                  nn.BatchNorm2d(16), nn.ReLU())
        self.block1 = BasicBlock(16, 16, 1)   # 28x28, identity shortcut
        self.block2 = BasicBlock(16, 32, 2)   # 14x14, 1x1 conv+BN projection
        self.block3 = BasicBlock(32, 64, 2)   # 7x7,   1x1 conv+BN projection
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.stem(x)
        x = self.block3(self.block2(self.block1(x)))
        x = torch.flatten(self.pool(x), 1)
        return self.fc(x)


MODELS = {"mlp": MLP, "lenet": LeNet, "cnn_bn": CnnBn, "resnet_small": ResNetSmall}


# --------------------------------------------------------------------------- train/eval
def train(model, x, y, epochs, n_train, seed):
    g = torch.Generator().manual_seed(seed)
    subset = torch.randperm(x.shape[0], generator=g)[:n_train]
    xs, ys = x[subset], y[subset]
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    model.train()
    for ep in range(epochs):
        perm = torch.randperm(n_train, generator=g)
        total = 0.0
        for i in range(0, n_train, BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            loss = F.cross_entropy(model(xs[idx]), ys[idx])
            loss.backward()
            opt.step()
            total += loss.item() * idx.numel()
        print(f"    epoch {ep + 1}/{epochs}: mean train loss {total / n_train:.4f}", flush=True)
    model.eval()


@torch.no_grad()
def logits_of(model, x, bs=1000):
    model.eval()
    return torch.cat([model(x[i:i + bs]) for i in range(0, x.shape[0], bs)])


# --------------------------------------------------------------------------- export
def export(model, name, keep_bn):
    path = os.path.join(MODELS_DIR, name + ".onnx")
    model.eval()
    dummy = torch.zeros(1, 1, 28, 28, dtype=torch.float32)
    # NOTE: with torch 1.13, training=TrainingMode.EVAL always runs the
    # "eval peephole" pass which folds Conv+BatchNormalization together, even with
    # do_constant_folding=False.  To keep BatchNormalization nodes in the graph we
    # export the model (already in eval mode) with TrainingMode.PRESERVE, which
    # emits inference-mode BatchNormalization (running stats, single output).
    # Dropout in eval mode is exported as nothing (it is an identity at inference).
    training = torch.onnx.TrainingMode.PRESERVE if keep_bn else torch.onnx.TrainingMode.EVAL
    torch.onnx.export(
        model, dummy, path,
        export_params=True,
        opset_version=OPSET,
        do_constant_folding=not keep_bn,
        training=training,
        input_names=["input"],
        output_names=["logits"],
        dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
    )
    return path


def check_onnx(path, keep_bn):
    m = onnx.load(path)
    onnx.checker.check_model(m)
    size = os.path.getsize(path)
    assert size < MAX_BYTES, f"{path} is {size} bytes (>= 2 MB)"
    for t in m.graph.initializer:
        assert t.data_location != onnx.TensorProto.EXTERNAL, "external data not allowed"
    opset = {o.domain or "ai.onnx": o.version for o in m.opset_import}
    assert opset.get("ai.onnx") == OPSET, opset
    (inp,) = [i for i in m.graph.input if i.name not in {t.name for t in m.graph.initializer}]
    (out,) = m.graph.output
    assert inp.name == "input" and out.name == "logits"
    idims = [d.dim_param or d.dim_value for d in inp.type.tensor_type.shape.dim]
    odims = [d.dim_param or d.dim_value for d in out.type.tensor_type.shape.dim]
    assert idims == ["N", 1, 28, 28], idims
    assert odims == ["N", 10], odims
    assert inp.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert out.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    ops = []
    for n in m.graph.node:
        if n.op_type not in ops:
            ops.append(n.op_type)
    if keep_bn:
        assert "BatchNormalization" in ops, ops
    return m, size, ops, opset, m.ir_version


# --------------------------------------------------------------------------- numpy ONNX interpreter
# Minimal, only what these models use; raises on anything else.  It exists to
# confirm the ONNX graph (not just the torch module) matches the golden logits.
def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _pool_windows(x, kh, kw, sh, sw):
    n, c, h, w = x.shape
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    s = x.strides
    return np.lib.stride_tricks.as_strided(
        x, (n, c, oh, ow, kh, kw), (s[0], s[1], s[2] * sh, s[3] * sw, s[2], s[3]))


def _conv(x, w, b, a):
    assert a.get("group", 1) == 1 and list(a.get("dilations", [1, 1])) == [1, 1]
    pads = list(a.get("pads", [0, 0, 0, 0]))
    sh, sw = a.get("strides", [1, 1])
    co, ci, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    win = _pool_windows(np.ascontiguousarray(x), kh, kw, sh, sw)  # n,c,oh,ow,kh,kw
    y = np.einsum("ncijkl,ockl->noij", win, w, optimize=True)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y.astype(np.float32)


def run_onnx_numpy(model, x):
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    env["input"] = x
    for node in model.graph.node:
        a = _attrs(node)
        i = [env[n] if n else None for n in node.input]
        op = node.op_type
        if op == "Constant":
            r = numpy_helper.to_array(a["value"])
        elif op == "Identity":
            r = i[0]
        elif op == "Conv":
            r = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a)
        elif op == "BatchNormalization":
            xx, sc, bi, mu, var = i
            sh = (1, -1, 1, 1)
            r = (xx - mu.reshape(sh)) / np.sqrt(var.reshape(sh) + np.float32(a.get("epsilon", 1e-5)))
            r = (r * sc.reshape(sh) + bi.reshape(sh)).astype(np.float32)
        elif op == "Relu":
            r = np.maximum(i[0], np.float32(0))
        elif op in ("MaxPool", "AveragePool"):
            assert not any(a.get("pads", [0])) and a.get("ceil_mode", 0) == 0
            kh, kw = a["kernel_shape"]
            sh, sw = a.get("strides", [1, 1])
            win = _pool_windows(np.ascontiguousarray(i[0]), kh, kw, sh, sw)
            r = win.max(axis=(4, 5)) if op == "MaxPool" else win.mean(axis=(4, 5), dtype=np.float32)
        elif op == "GlobalAveragePool":
            r = i[0].mean(axis=(2, 3), keepdims=True, dtype=np.float32)
        elif op == "Flatten":
            ax = a.get("axis", 1)
            r = i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
        elif op == "Gemm":
            A = i[0].T if a.get("transA", 0) else i[0]
            B = i[1].T if a.get("transB", 0) else i[1]
            r = np.float32(a.get("alpha", 1.0)) * (A @ B)
            if len(i) > 2 and i[2] is not None:
                r = r + np.float32(a.get("beta", 1.0)) * i[2]
        elif op == "MatMul":
            r = i[0] @ i[1]
        elif op == "Add":
            r = i[0] + i[1]
        elif op == "Shape":
            r = np.array(i[0].shape, dtype=np.int64)
        elif op == "Gather":
            r = np.take(i[0], i[1], axis=a.get("axis", 0))
        elif op == "Unsqueeze":
            r = np.expand_dims(i[0], tuple(int(v) for v in i[1]))
        elif op == "Concat":
            r = np.concatenate(i, axis=a["axis"])
        elif op == "Reshape":
            r = i[0].reshape(tuple(int(v) for v in i[1]))
        else:
            raise NotImplementedError(op)
        (o,) = node.output
        env[o] = np.asarray(r)
    return env["logits"]


# --------------------------------------------------------------------------- main
def seed_everything(seed, threads):
    """Python, numpy and torch seeded; torch on `threads` threads with deterministic algorithms."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)


def main():
    t0 = time.time()
    seed_everything(SEED, 2)
    os.makedirs(MODELS_DIR, exist_ok=True)
    os.makedirs(FM_DIR, exist_ok=True)

    xtr, ytr = load_split("train")
    xte, yte = load_split("t10k")
    assert xtr.shape == (60000, 1, 28, 28) and xte.shape == (10000, 1, 28, 28)

    for n in (16, 256):
        np.save(os.path.join(FM_DIR, f"images_{n}.npy"), np.ascontiguousarray(xte[:n], np.float32))
        np.save(os.path.join(FM_DIR, f"labels_{n}.npy"), np.ascontiguousarray(yte[:n], np.int64))

    xtr_t, ytr_t = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xte_t, yte_t = torch.from_numpy(xte), torch.from_numpy(yte)
    x16 = torch.from_numpy(np.load(os.path.join(FM_DIR, "images_16.npy")))

    summary = []
    for k, (name, cls) in enumerate(MODELS.items()):
        ts = time.time()
        torch.manual_seed(SEED + k)
        model = cls()
        epochs, n_train = TRAIN_PLAN[name]
        nparams = sum(p.numel() for p in model.parameters())
        print(f"[{name}] params={nparams} epochs={epochs} n_train={n_train}", flush=True)
        train(model, xtr_t, ytr_t, epochs, n_train, SEED + 100 + k)

        logits_te = logits_of(model, xte_t)
        acc = (logits_te.argmax(1) == yte_t).float().mean().item()
        golden = logits_of(model, x16).numpy().astype(np.float32)
        np.save(os.path.join(MODELS_DIR, f"{name}.logits_16.npy"), np.ascontiguousarray(golden))

        keep_bn = name in ("cnn_bn", "resnet_small")
        path = export(model, name, keep_bn)
        m, size, ops, opset, ir = check_onnx(path, keep_bn)

        # ONNX graph (numpy interpreter) vs torch golden, and accuracy on 256 images.
        y16 = run_onnx_numpy(m, np.load(os.path.join(FM_DIR, "images_16.npy")))
        err = float(np.abs(y16 - golden).max())
        assert err < 1e-3, f"{name}: onnx-vs-torch max abs diff {err}"
        y256 = run_onnx_numpy(m, np.load(os.path.join(FM_DIR, "images_256.npy")))
        acc256 = float((y256.argmax(1) == np.load(os.path.join(FM_DIR, "labels_256.npy"))).mean())
        t256 = (logits_te[:256].argmax(1) == yte_t[:256]).float().mean().item()
        print(f"    test acc (10k, torch) = {acc * 100:.2f}%  | 256-img acc onnx-numpy "
              f"{acc256 * 100:.2f}% torch {t256 * 100:.2f}%  | onnx-vs-torch max|diff| on 16 = {err:.2e}")
        print(f"    {os.path.relpath(path, os.path.dirname(HERE))}: {size} bytes, IR v{ir}, "
              f"opset {opset}, ops {ops}  ({time.time() - ts:.0f}s)", flush=True)
        summary.append((name, nparams, size, acc, acc256, ops, ir, opset))

    print("\nSUMMARY")
    print("| model | params | .onnx bytes | FP32 top-1 (10k test) | top-1 first 256 | ONNX ops |")
    for name, nparams, size, acc, acc256, ops, ir, opset in summary:
        print(f"| {name} | {nparams} | {size} | {acc * 100:.2f}% | {acc256 * 100:.2f}% | {', '.join(ops)} |")
    print("\nSHA-256")
    for d in (MODELS_DIR, FM_DIR):
        for fn in sorted(os.listdir(d)):
            with open(os.path.join(d, fn), "rb") as f:
                print(f"{hashlib.sha256(f.read()).hexdigest()}  {os.path.relpath(os.path.join(d, fn), HERE)}")
    print(f"torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}, "
          f"python {sys.version.split()[0]}; total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
