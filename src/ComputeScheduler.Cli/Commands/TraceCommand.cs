using System.CommandLine;
using System.Globalization;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Traces;
using ComputeScheduler.Workloads.Topologies;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>`computesched trace stats TRACE [--format F] [--skip-bad]`: what a trace (or a trace's machine list) holds, without simulating it.</summary>
internal sealed class TraceCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly Argument<string> _trace = new("trace") { Description = "Trace file (plain or gzip)." };
    private readonly Option<string> _format = new("--format") { Description = "Trace format.", DefaultValueFactory = _ => TraceFormats.Auto };
    private readonly Option<bool> _skipBad = new("--skip-bad") { Description = "Skip malformed lines and report them instead of stopping." };

    public TraceCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        _format.AcceptOnlyFromAmong([TraceFormats.Auto, .. TraceFormats.Names]);
        OptionParsers.RequirePath(_trace, "a trace file path");
        var stats = new Command("stats", "Print a trace's jobs, time span, arrival rate, chip-hours, request sizes and chip models.") { _trace, _format, _skipBad };
        stats.SetAction(Stats);
        Command = new Command("trace", "Look into job traces.") { stats };
    }

    public Command Command { get; }

    private static bool IsMachineList(string path)
    {
        try { MachineTableReader.Detect(path); return true; }
        catch (InputException) { return false; }
    }

    /// <summary>A machine list (openb nodes, PAI, spot, Philly, Tiresias specs): machines, GPUs, and GPUs by model.</summary>
    private int MachineStats(string path)
    {
        string format;
        List<TraceMachine> machines;
        try
        {
            format = MachineTableReader.Detect(path);
            machines = MachineTableReader.Read(path, format).ToList();
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        var ci = CultureInfo.InvariantCulture;
        var table = new Table().Title($"{Markup.Escape(Path.GetFileName(path))} (machine list, {format})").AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("machines", machines.Count.ToString("N0", ci));
        Row("machines without GPUs", machines.Count(m => m.Gpus == 0).ToString("N0", ci));
        Row("GPUs", machines.Sum(m => (long)m.Gpus).ToString("N0", ci));
        foreach (var g in machines.Where(m => m.Gpus > 0).GroupBy(m => m.GpuModel).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row($"GPU model {g.Key}", $"{g.Sum(m => (long)m.Gpus).ToString("N0", ci)} GPUs on {g.Count().ToString("N0", ci)} machines");
        _console.Write(table);
        return ExitCodes.Ok;
    }

    private int Stats(ParseResult parse)
    {
        string path = parse.GetValue(_trace)!;
        if (IsMachineList(path)) return MachineStats(path);
        var options = new TraceReadOptions("trace", SkipBad: parse.GetValue(_skipBad), Everything: true);
        TraceStats stats;
        ITraceReader reader;
        try
        {
            // LLM request traces: their work needs serving rates; their statistics do not (chip-hours are left out).
            var unitRates = new InferenceRates(3600, 3600);
            reader = TraceFormats.For(path, parse.GetValue(_format) ?? TraceFormats.Auto, rates: unitRates);
            stats = TraceStats.Of(reader.Read(path, options));
            if (stats.Jobs == 0) throw TraceCheck.NoJobs(reader, path, options);
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        var table = new Table().Title($"{Markup.Escape(Path.GetFileName(path))} ({reader.Format})").AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        var ci = CultureInfo.InvariantCulture;
        Row("jobs", stats.Jobs.ToString("N0", ci));
        Row("submit span (days)", (stats.SpanS / 86_400).ToString("0.###", ci));
        Row("arrival rate (jobs/h)", stats.ArrivalsPerHour.ToString("0.##", ci));
        if (reader is not AzureLlmTraceReader) Row("chip-hours (runtime x chips)", stats.ChipHours.ToString("N1", ci));
        Row("chips requested (shares count by fraction)", stats.ChipsRequested.ToString("N2", ci));
        Row("fractional-chip jobs", $"{stats.FractionalJobs.ToString("N0", ci)} ({(stats.Jobs == 0 ? 0 : (double)stats.FractionalJobs / stats.Jobs):P1})");
        foreach (var (bin, count) in stats.SizeBins) Row(bin == 0 ? "jobs of no chip (CPU only)" : $"jobs of <= {bin} chips", $"{count.ToString("N0", ci)} ({(double)count / stats.Jobs:P1})");
        foreach (var (model, count) in stats.ChipModels) Row($"chip model {model}", count.ToString("N0", ci));
        if (reader is SwfTraceReader swf) Row("jobs without run time or processors (skipped)", swf.SkippedUnavailable.ToString("N0", ci));
        _console.Write(table);
        BadLines.Report(_console, options.BadLines);
        return ExitCodes.Ok;
    }
}
