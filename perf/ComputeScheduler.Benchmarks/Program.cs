using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ComputeScheduler.Benchmarks.EventQueueBenchmark).Assembly).Run(args);
