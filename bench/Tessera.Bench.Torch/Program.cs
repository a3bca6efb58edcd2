using Tessera.Bench.Torch;

// Times matmuls and transformer training steps on one device; BenchCommand lists the options.
return BenchCommand.Create().Parse(args).Invoke();
