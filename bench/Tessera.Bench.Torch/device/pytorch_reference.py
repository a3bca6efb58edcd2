"""The same measurements as tessera-bench-torch, in PyTorch, on the GPU machine.

Tells whether TorchSharp reaches what the same libtorch does under Python: the matmuls should
match; a training step may differ because PyTorch's AdamW updates all parameters in a few fused
(foreach) kernels where TorchSharp's loops over them.
"""
import argparse, json, math, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    """Pre-norm block: attention through scaled_dot_product_attention, then a GELU MLP (as AttentionBlock.cs)."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.attention_norm, self.qkv, self.projection = nn.LayerNorm(width), nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.mlp_norm, self.up, self.down = nn.LayerNorm(width), nn.Linear(width, 4 * width), nn.Linear(4 * width, width)

    def forward(self, x):
        b, t, c = x.shape
        qkv = self.qkv(self.attention_norm(x)).view(b, t, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)  # (3, B, nh, T, hs)
        attended = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2]).transpose(1, 2).reshape(b, t, c)      # (B, T, C)
        x = x + self.projection(attended)
        return x + self.down(F.gelu(self.up(self.mlp_norm(x))))


def model(width, depth, heads):
    return nn.Sequential(*[Block(width, heads) for _ in range(depth)], nn.LayerNorm(width), nn.Linear(width, width))


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def timed(device, repeats, work):
    sync(device)
    start = time.perf_counter()
    for _ in range(repeats):
        work()
    sync(device)
    return (time.perf_counter() - start) / repeats


def precisions(device):
    out = [("f32", torch.float32, False)]
    if device.type == "cuda":
        out.append(("tf32", torch.float32, True))
    return out + [("bf16", torch.bfloat16, False)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--sizes", default="2048,4096")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json")
    a = parser.parse_args()
    device = torch.device(a.device)
    width, depth, heads, tokens = 384, 8, 6, 512
    params = depth * (12 * width * width + 13 * width) + width * width + 3 * width
    step_flops = 6.0 * params * tokens * a.batch + 12.0 * depth * a.batch * tokens * tokens * width
    results = []
    print(f"torch {torch.__version__} on {device}, threads {torch.get_num_threads()}")
    for name, dtype, tf32 in precisions(device):
        torch.backends.cuda.matmul.allow_tf32 = tf32
        for n in [int(s) for s in a.sizes.split(",") if s]:
            x, y = torch.randn(n, n, dtype=dtype, device=device), torch.randn(n, n, dtype=dtype, device=device)
            timed(device, 2, lambda: x @ y)
            repeats = 1
            while True:
                each = timed(device, repeats, lambda: x @ y)
                if each * repeats >= 1.0 or repeats >= 65536:
                    break
                repeats = min(65536, max(repeats * 2, math.ceil(1.2 / max(each, 1e-9))))
            results.append(dict(device=a.device, kind="matmul", dtype=name, shape=f"{n}x{n}", secondsEach=each, gflopPerSecond=2 * n**3 / each / 1e9))
            print(results[-1], flush=True)
    for name, dtype, tf32 in precisions(device):
        torch.backends.cuda.matmul.allow_tf32 = tf32
        torch.manual_seed(1)
        m = model(width, depth, heads).to(dtype).to(device)
        opt = torch.optim.AdamW(m.parameters(), lr=1e-4, weight_decay=0.01)
        x = torch.randn(a.batch, tokens, width, dtype=dtype, device=device)
        target = torch.randn(a.batch, tokens, width, dtype=dtype, device=device)
        last = []

        def step():
            opt.zero_grad(set_to_none=True)
            loss = F.mse_loss(m(x), target)
            loss.backward()
            opt.step()
            last[:] = [loss.detach()]

        timed(device, a.warmup, step)
        each = timed(device, a.steps, step)
        results.append(dict(device=a.device, kind="train-step", dtype=name, shape=f"batch {a.batch}", secondsEach=each,
                            gflopPerSecond=step_flops / each / 1e9, tokensPerSecond=a.batch * tokens / each, finalLoss=float(last[0])))
        print(results[-1], flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(torch=torch.__version__, results=results), f, indent=1)


if __name__ == "__main__":
    main()
