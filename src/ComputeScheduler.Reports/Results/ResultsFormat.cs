namespace ComputeScheduler.Reports.Results;

/// <summary>How a run's tables (jobs, timeseries, capacity) are written: CSV files (the default) or Parquet files.</summary>
public enum ResultsFormat
{
    Csv,
    Parquet,
}

public static class ResultsFormats
{
    /// <summary>The names the command line takes, in <see cref="ResultsFormat"/> order.</summary>
    public static readonly string[] Names = ["csv", "parquet"];

    public static ResultsFormat Parse(string name) => name switch
    {
        "csv" => ResultsFormat.Csv,
        "parquet" => ResultsFormat.Parquet,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"expected one of {string.Join(", ", Names)}"),
    };
}
