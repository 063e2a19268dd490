#!/usr/bin/python3
"""Generate ancc's "real network" test models and their golden data.

Run from the repository root:

    /usr/bin/python3 testdata/real/generate.py [--only NAME ...]

These are standard architectures from the literature, written from their papers (not designed
around ancc), trained briefly so their weights and activations are those of a trained network:

    resnet20   CIFAR ResNet-20 (He et al. 2016, sec. 4.2: 3 stages x 3 basic blocks, 16/32/64
               channels, option-A shortcuts), 1 input channel, Fashion-MNIST padded to 32x32
    vit_tiny   ViT (Dosovitskiy et al. 2021) with patch 4 on 28x28, dim 64, 2 pre-LN layers,
               4 heads, class token, learned position embedding, GELU MLP
    bert_tiny  BERT-like encoder (Devlin et al. 2019): token + position embeddings, 2 post-LN
               layers, dim 64, 4 heads, additive attention mask, pooler + classifier on the first
               token; inputs token ids and attention mask (int64 [N,S], both N and S symbolic),
               trained on a synthetic task (below)
    lstm       LSTM classifier over the 28 rows of a Fashion-MNIST image (28 steps x 28 features,
               hidden 128), last step -> Linear
    gru        the same with a GRU (hidden 128)

Inputs: Fashion-MNIST IDX files of the Debian package `dataset-fashion-mnist` (read by
testdata/generate.py's loader, same normalization). Nothing is downloaded.

Outputs (paths relative to testdata/):
    real/<name>.onnx              opset 17, float32 initializers embedded, batch axis N symbolic
    real/<name>.logits_16.npy     torch FP32 logits on the first 16 inputs, float32 [16, classes]
    real/bert_tiny.{ids,mask}_{16,256}.npy, real/bert_tiny.labels_{16,256}.npy
                                  the synthetic task's first held-out sequences (int64 [n,16])
    fashion_mnist/images32_{16,256}.npy
                                  the first 16/256 test images padded to 32x32 (2 zero pixels on
                                  each side of the raw image, then normalized), float32 [n,1,32,32]
The 28x28 models (vit_tiny, lstm, gru) read the existing fashion_mnist/images_{16,256}.npy; labels
are fashion_mnist/labels_{16,256}.npy for every image model.

Determinism: fixed seeds, deterministic algorithms, one torch thread (two threads were tried:
on a shared 2-core machine under load OpenMP's spinning made each step 3-4x slower than one); reruns on the same machine and toolchain give byte-identical files. Tests must use the
committed files (see testdata/README.md).
"""

import hashlib
import math
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
sys.path.insert(0, TESTDATA)
from generate import load_split, seed_everything  # noqa: E402  (the one loader and normalization)

SEED = 20261207
OPSET = 17
MAX_BYTES = 4 * 1024 * 1024
FM_DIR = os.path.join(TESTDATA, "fashion_mnist")


# --------------------------------------------------------------------------- models
class BasicBlockA(nn.Module):
    """He et al. 2016 basic block; option A: identity shortcut, zero-padded channels when the
    stage widens (the input subsampled by 2, as the paper's CIFAR networks do)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.stride = stride
        self.extra = cout - cin

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        sc = x
        if self.stride != 1:
            sc = sc[:, :, ::self.stride, ::self.stride]
        if self.extra:
            sc = F.pad(sc, (0, 0, 0, 0, self.extra // 2, self.extra - self.extra // 2))
        return F.relu(out + sc)


class ResNet20(nn.Module):
    def __init__(self, in_ch=1, classes=10, n=3):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        blocks, cin = [], 16
        for cout, stride in ((16, 1), (32, 2), (64, 2)):
            for k in range(n):
                blocks.append(BasicBlockA(cin, cout, stride if k == 0 else 1))
                cin = cout
        self.layers = nn.Sequential(*blocks)
        self.fc = nn.Linear(64, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = self.layers(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(x)


class Attention(nn.Module):
    """Multi-head self-attention with one fused qkv projection (ViT's layout). `bias` is an
    additive [N,1,1,S] mask or None."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, bias=None):
        b, s, c = x.shape
        qkv = self.qkv(x).reshape(b, s, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = (q @ k.transpose(-2, -1)) * self.scale
        if bias is not None:
            att = att + bias
        att = att.softmax(dim=-1)
        return self.proj((att @ v).transpose(1, 2).reshape(b, s, c))


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class VitBlock(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, hidden)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class VitTiny(nn.Module):
    def __init__(self, img=28, patch=4, dim=64, depth=2, heads=4, hidden=128, classes=10):
        super().__init__()
        self.patch = nn.Conv2d(1, dim, patch, stride=patch)
        tokens = (img // patch) ** 2
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, tokens + 1, dim) * 0.02)
        self.blocks = nn.Sequential(*[VitBlock(dim, heads, hidden) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)  # [N, 49, dim]
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        x = self.norm(self.blocks(x))
        return self.head(x[:, 0])


class BertLayer(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.attn = Attention(dim, heads)
        self.ln1 = nn.LayerNorm(dim, eps=1e-12)
        self.mlp = Mlp(dim, hidden)
        self.ln2 = nn.LayerNorm(dim, eps=1e-12)

    def forward(self, x, bias):
        x = self.ln1(x + self.attn(x, bias))
        return self.ln2(x + self.mlp(x))


class BertTiny(nn.Module):
    def __init__(self, vocab=64, max_len=16, dim=64, depth=2, heads=4, hidden=128, classes=2):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.pos = nn.Embedding(max_len, dim)
        self.register_buffer("position_ids", torch.arange(max_len).unsqueeze(0), persistent=False)
        self.ln = nn.LayerNorm(dim, eps=1e-12)
        self.layers = nn.ModuleList([BertLayer(dim, heads, hidden) for _ in range(depth)])
        self.pool = nn.Linear(dim, dim)
        self.cls = nn.Linear(dim, classes)

    def forward(self, ids, mask):
        pos = self.position_ids[:, :ids.shape[1]]
        x = self.ln(self.tok(ids) + self.pos(pos))
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.cls(torch.tanh(self.pool(x[:, 0])))


class RowRnn(nn.Module):
    """Reads a [N,1,28,28] image as 28 steps of 28 features; the last step's state -> Linear."""

    def __init__(self, cell, hidden=128, classes=10):
        super().__init__()
        self.rnn = cell(28, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, x):
        out, _ = self.rnn(x.squeeze(1))
        return self.fc(out[:, -1])


# --------------------------------------------------------------------------- synthetic token task
# Sequences of length S=16: position 0 is [CLS] (id 2), positions 1..L-1 are the sentence
# (L uniform in 4..16, mask 1), positions L..15 are padding (mask 0) filled with random ids so
# that only the mask tells them apart. Label 1 iff the target id 1 occurs in the sentence; about
# half of the padded sequences hold the target in their padding only.
VOCAB, SEQ, CLS_ID, TARGET = 64, 16, 2, 1


def token_task(n, gen):
    lengths = torch.randint(4, SEQ + 1, (n,), generator=gen)
    ids = torch.randint(3, VOCAB, (n, SEQ), generator=gen)
    pos = torch.arange(SEQ).unsqueeze(0)
    mask = (pos < lengths.unsqueeze(1)).long()
    label = torch.randint(0, 2, (n,), generator=gen)
    # the target at one random sentence position for label 1
    where = 1 + (torch.rand(n, generator=gen) * (lengths - 1).float()).long()
    ids[label == 1, where[label == 1]] = TARGET
    # the target in the padding of about half the sequences that have padding
    pad_at = lengths + (torch.rand(n, generator=gen) * (SEQ - lengths).float()).long()
    put = (torch.rand(n, generator=gen) < 0.5) & (lengths < SEQ)
    ids[put, pad_at[put]] = TARGET
    ids[:, 0] = CLS_ID
    return ids, mask, label


# --------------------------------------------------------------------------- train/eval
def train(model, batches, steps, lr, seed_gen):
    """Adam with a one-cycle-free cosine decay; `batches(step)` yields (inputs tuple, labels)."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + math.cos(math.pi * s / steps)))
    model.train()
    total, seen, t0 = 0.0, 0, time.time()
    for step in range(steps):
        inputs, y = batches(step, seed_gen)
        opt.zero_grad()
        loss = F.cross_entropy(model(*inputs), y)
        loss.backward()
        opt.step()
        sched.step()
        total += loss.item()
        seen += 1
        if (step + 1) % max(1, steps // 8) == 0:
            print(f"    step {step + 1}/{steps}: mean train loss {total / seen:.4f} ({time.time() - t0:.0f}s)",
                  flush=True)
            total, seen = 0.0, 0
    model.eval()


def image_batches(x, y, batch):
    """Batches over seeded permutations of the whole training set (epoch after epoch)."""
    state = {"perm": None}
    per_epoch = x.shape[0] // batch

    def next_batch(step, gen):
        if step % per_epoch == 0:
            state["perm"] = torch.randperm(x.shape[0], generator=gen)
        idx = state["perm"][(step % per_epoch) * batch:(step % per_epoch + 1) * batch]
        return (x[idx],), y[idx]
    return next_batch, per_epoch


@torch.no_grad()
def logits_of(model, inputs, bs=500):
    model.eval()
    n = inputs[0].shape[0]
    return torch.cat([model(*(t[i:i + bs] for t in inputs)) for i in range(0, n, bs)])


def pad32(x):
    """[n,1,28,28] normalized -> [n,1,32,32]: 2 raw-zero pixels each side, normalized like the rest."""
    from generate import MEAN, STD
    fill = np.float32((0.0 - MEAN) / STD)
    return np.pad(x, ((0, 0), (0, 0), (2, 2), (2, 2)), constant_values=fill).astype(np.float32)


# --------------------------------------------------------------------------- export + checks
def export(model, name, samples, input_names, dynamic):
    path = os.path.join(HERE, name + ".onnx")
    model.eval()
    torch.onnx.export(model, samples, path, export_params=True, opset_version=OPSET,
                      input_names=input_names, output_names=["logits"],
                      dynamic_axes={**dynamic, "logits": {0: "N"}})
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    size = os.path.getsize(path)
    assert size < MAX_BYTES, f"{path} is {size} bytes"
    for t in m.graph.initializer:
        assert t.data_location != onnx.TensorProto.EXTERNAL, "external data not allowed"
    inits = {t.name for t in m.graph.initializer}
    assert [i.name for i in m.graph.input if i.name not in inits] == input_names
    ops = {}
    for n in m.graph.node:
        ops[n.op_type] = ops.get(n.op_type, 0) + 1
    return size, ops, len(m.graph.node)


def main():
    t0 = time.time()
    seed_everything(SEED, 1)

    xtr, ytr = load_split("train")
    xte, yte = load_split("t10k")
    assert np.array_equal(np.load(os.path.join(FM_DIR, "images_256.npy")), xte[:256]), \
        "fashion_mnist/images_256.npy is not what testdata/generate.py's loader gives"
    x32tr, x32te = pad32(xtr), pad32(xte)
    for n in (16, 256):
        np.save(os.path.join(FM_DIR, f"images32_{n}.npy"), np.ascontiguousarray(x32te[:n]))

    ytr_t, yte_t = torch.from_numpy(ytr), torch.from_numpy(yte)
    img = {28: (torch.from_numpy(xtr), torch.from_numpy(xte)),
           32: (torch.from_numpy(x32tr), torch.from_numpy(x32te))}

    # bert's synthetic data: a training stream and a fixed held-out set
    test_gen = torch.Generator().manual_seed(SEED + 999)
    bert_te = token_task(10000, test_gen)
    for n in (16, 256):
        for part, t in zip(("ids", "mask", "labels"), bert_te):
            np.save(os.path.join(HERE, f"bert_tiny.{part}_{n}.npy"), np.ascontiguousarray(t[:n].numpy()))

    def bert_batches(step, gen):
        ids, mask, y = token_task(128, gen)
        return (ids, mask), y

    # name -> (factory, image size (None: the token task), training steps of batch 128, peak lr).
    # Short on purpose (less than one epoch for the image models): the machine this ran on was
    # shared; see testdata/README.md for the time it took.
    plan = [
        ("resnet20", lambda: ResNet20(), 32, 220, 3e-3),
        ("vit_tiny", lambda: VitTiny(), 28, 350, 3e-3),
        ("bert_tiny", lambda: BertTiny(), None, 150, 2e-3),
        ("lstm", lambda: RowRnn(nn.LSTM), 28, 200, 3e-3),
        ("gru", lambda: RowRnn(nn.GRU), 28, 200, 3e-3),
    ]
    # Each model's seeds depend only on its index k, so regenerating some (`--only NAME ...`)
    # gives the files a full run gives.
    only = sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else [p[0] for p in plan]
    unknown = set(only) - {p[0] for p in plan}
    assert not unknown, f"unknown model(s) {sorted(unknown)}"
    summary = []
    for k, (name, factory, size, steps, lr) in enumerate(plan):
        if name not in only:
            continue
        ts = time.time()
        torch.manual_seed(SEED + k)
        model = factory()
        nparams = sum(p.numel() for p in model.parameters())
        gen = torch.Generator().manual_seed(SEED + 100 + k)
        if size is None:
            print(f"[{name}] params={nparams} steps={steps} batch 128", flush=True)
            train(model, bert_batches, steps, lr, gen)
            te_inputs, te_y = bert_te[:2], bert_te[2]
            samples = (bert_te[0][:1], bert_te[1][:1])
            names = ["input_ids", "attention_mask"]
            dynamic = {"input_ids": {0: "N", 1: "S"}, "attention_mask": {0: "N", 1: "S"}}
        else:
            xtr_t, xte_t = img[size]
            batches, per_epoch = image_batches(xtr_t, ytr_t, 128)
            print(f"[{name}] params={nparams} steps={steps} ({steps / per_epoch:.2f} epochs, batch 128)", flush=True)
            train(model, batches, steps, lr, gen)
            te_inputs, te_y = (xte_t,), yte_t
            samples = (xte_t[:1],)
            names = ["input"]
            dynamic = {"input": {0: "N"}}
        logits = logits_of(model, te_inputs)
        acc = (logits.argmax(1) == te_y).float().mean().item()
        acc256 = (logits[:256].argmax(1) == te_y[:256]).float().mean().item()
        golden = logits_of(model, tuple(t[:16] for t in te_inputs)).numpy().astype(np.float32)
        np.save(os.path.join(HERE, f"{name}.logits_16.npy"), np.ascontiguousarray(golden))
        nbytes, ops, nodes = export(model, name, samples, names, dynamic)
        print(f"    test top-1 {acc * 100:.2f}% (first 256: {acc256 * 100:.2f}%), {nbytes} bytes, "
              f"{nodes} nodes ({time.time() - ts:.0f}s)", flush=True)
        summary.append((name, nparams, nbytes, acc, acc256, nodes, ops))

    print("\nSUMMARY")
    print("| model | params | `.onnx` bytes | FP32 top-1, 10k test | top-1, first 256 | nodes | ONNX op types (count) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, nparams, nbytes, acc, acc256, nodes, ops in summary:
        oplist = ", ".join(f"{o} {c}" for o, c in ops.items())
        print(f"| `{name}` | {nparams:,} | {nbytes:,} | **{acc * 100:.2f} %** | {acc256 * 100:.2f} % | {nodes} | {oplist} |")
    print("\nSHA-256")
    outs = sorted(f for f in os.listdir(HERE) if f.endswith((".onnx", ".npy")))
    files = [os.path.join(HERE, f) for f in outs] + \
        [os.path.join(FM_DIR, f"images32_{n}.npy") for n in (16, 256)]
    for p in files:
        with open(p, "rb") as f:
            print(f"{hashlib.sha256(f.read()).hexdigest()}  {os.path.relpath(p, TESTDATA)}")
    print(f"torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}, "
          f"python {sys.version.split()[0]}; total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
