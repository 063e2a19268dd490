"""Generates testdata/encoder/encoder_ids_mask.onnx: a tiny BERT-like encoder with two int64 inputs,
token ids [N,S] and an attention mask [N,S] (1 = token, 0 = padding), symbolic N and S, and a
[N,4] class-score output; plus encoder_tokens.onnx, the same encoder with a per-token output [N,S,4].
Seeded (torch.manual_seed(0)); run with /usr/bin/python3 (torch 1.13, onnx) from the repository root."""
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
torch.set_num_threads(1)
VOCAB, DIM, HEADS, FF, CLASSES = 100, 32, 2, 64, 4


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(DIM, DIM) for _ in range(4))
        self.n1, self.n2 = nn.LayerNorm(DIM), nn.LayerNorm(DIM)
        self.f1, self.f2 = nn.Linear(DIM, FF), nn.Linear(FF, DIM)

    def forward(self, x, bias):
        n, s, _ = x.shape
        split = lambda t: t.reshape(n, s, HEADS, DIM // HEADS).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(DIM // HEADS) + bias, dim=-1)
        c = (a @ v).transpose(1, 2).reshape(n, s, DIM)
        x = self.n1(x + self.o(c))
        return self.n2(x + self.f2(nn.functional.gelu(self.f1(x))))


class Encoder(nn.Module):
    def __init__(self, per_token):
        super().__init__()
        self.emb, self.pos = nn.Embedding(VOCAB, DIM), nn.Parameter(torch.randn(64, DIM) * 0.1)
        self.blocks = nn.ModuleList([Block(), Block()])
        self.head, self.per_token = nn.Linear(DIM, CLASSES), per_token

    def forward(self, ids, mask):
        s = ids.shape[1]
        x = self.emb(ids) + self.pos[:s]
        bias = (1.0 - mask.to(torch.float32))[:, None, None, :] * -10000.0
        for b in self.blocks:
            x = b(x, bias)
        if self.per_token:
            return self.head(x)
        m = mask.to(torch.float32)[:, :, None]
        return self.head((x * m).sum(1) / m.sum(1))


for name, per_token in [("encoder_ids_mask", False), ("encoder_tokens", True)]:
    torch.manual_seed(0)
    model = Encoder(per_token).eval()
    ids = torch.randint(0, VOCAB, (2, 8))
    mask = torch.ones(2, 8, dtype=torch.int64)
    torch.onnx.export(model, (ids, mask), f"testdata/encoder/{name}.onnx", input_names=["ids", "attention_mask"],
                      output_names=["y"], opset_version=17,
                      dynamic_axes={"ids": {0: "N", 1: "S"}, "attention_mask": {0: "N", 1: "S"},
                                    "y": {0: "N"} if not per_token else {0: "N", 1: "S"}})
