using Tessera.Engine.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Engine.Tests.Native;

public sealed class TorchNativeTests
{
    [Fact]
    public void SmallTransformerTrainsForwardAndBackward()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1);
        using var scope = torch.NewDisposeScope();
        // (batch 4, tokens 8, width 32): one encoder block and a linear head learn a fixed target.
        var block = nn.TransformerEncoderLayer(d_model: 32, nhead: 4, dim_feedforward: 64, dropout: 0.0);
        var head = nn.Linear(32, 1);
        var parameters = block.parameters().Concat(head.parameters()).ToList();
        var optimizer = optim.Adam(parameters, lr: 3e-3);
        var x = torch.randn(8, 4, 32);      // (T, B, C): TorchSharp's encoder layer is sequence-first
        var y = torch.randn(8, 4, 1);

        float first = 0, last = 0;
        for (var step = 0; step < 30; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(head.forward(block.call(x)), y);
            loss.backward();
            if (step == 0)
            {
                // Every parameter received a gradient from the backward pass.
                Assert.All(parameters, p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
                first = loss.item<float>();
            }
            optimizer.step();
            last = loss.item<float>();
        }
        Assert.True(last < first * 0.5, $"loss went from {first} to {last}; training should at least halve it");
    }

    [Fact]
    public void LoaderReportsWhatItDid()
    {
        TorchNative.EnsureLoaded();
        Assert.NotEqual("not loaded", TorchNative.Status);
    }
}
