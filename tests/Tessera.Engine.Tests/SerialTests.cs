// libtorch's thread count is process-wide and several tests set it; float reductions then change
// order between runs. Exact-resume tests compare bytes, so the engine's tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
