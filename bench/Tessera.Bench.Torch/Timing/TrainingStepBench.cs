using Tessera.Bench.Torch.Model;
using Tessera.Bench.Torch.Report;
using TorchSharp;
using static TorchSharp.torch;

namespace Tessera.Bench.Torch.Timing;

/// <summary>
/// One optimisation step of <see cref="BenchTransformer"/> (forward, MSE loss, backward, AdamW): the
/// unit of work the engine's training repeats. bf16 here means the weights, activations and optimizer
/// state are all bf16 (no f32 master copy), the cheapest setting a trainer could pick.
/// </summary>
public static class TrainingStepBench
{
    public static BenchResult Run(Device device, BenchPrecision precision, BenchTransformerShape shape, int warmupSteps, int timedSteps)
    {
        using var scope = NewDisposeScope();
        precision.Apply(device);
        manual_seed(1);
        var model = new BenchTransformer(shape).to(precision.StorageType).to(device);
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-4, weight_decay: 0.01);
        var input = randn(shape.Batch, shape.Tokens, shape.Width, dtype: precision.StorageType, device: device);  // (B, T, C)
        var target = randn(shape.Batch, shape.Tokens, shape.Width, dtype: precision.StorageType, device: device); // (B, T, C)
        var clock = new DeviceClock(device);

        Tensor? lastLoss = null;
        void Step()
        {
            // One scope per step frees the step's activations and gradients' temporaries at once.
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(input), target);
            loss.backward();
            optimizer.step();
            // Kept, not read: reading it (.item) would add a device sync to every step.
            lastLoss?.Dispose();
            lastLoss = loss.detach().DetachFromDisposeScope();
        }

        clock.Time(warmupSteps, Step);
        var each = clock.Time(timedSteps, Step);
        var processorEach = clock.LastProcessorSecondsEach;
        var finalLoss = lastLoss!.to(ScalarType.Float32).item<float>();
        lastLoss.Dispose();
        return new BenchResult(MatmulBench.DeviceName(device), "train-step", precision.Name, shape.ToString(), timedSteps,
            each, processorEach, shape.TrainingFlopsPerStep / each / 1e9, shape.Batch * (double)shape.Tokens / each, finalLoss);
    }
}
