using System.Globalization;
using System.Text;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using CsCheck;
using CsvHelper;

namespace ComputeScheduler.Reports.Tests.Results;

public class JobsCsvTests
{
    /// <summary>Texts that need quotes, nearly do, or are not plain ASCII.</summary>
    private static readonly string[] Texts =
    [
        "", "plain", "needs 1024 chips, more than any matching pool holds", "no \"stack\"", "\"", "a,b\"c", "line\nbreak", "cr\rhere", "crlf\r\nend",
        " leading space", "trailing space ", "\ttab", "semi;colon", "昇腾 910B", "a\uD800b", "=1+2", "-3", "0:8;1:8", "17.3:500",
    ];

    private static List<JobOutcome> Outcomes(int n, int seed)
    {
        var rng = new Random(seed);
        var list = new List<JobOutcome>();
        for (int i = 0; i < n; i++)
        {
            var start = SimTime.FromMicroseconds(rng.NextInt64(0, 10_000_000_000_000));
            string Text() => Texts[rng.Next(Texts.Length)];
            double Num() => rng.Next(6) switch
            {
                0 => 0,
                1 => rng.NextDouble() * Math.Pow(10, rng.Next(-9, 16)) * (rng.Next(2) == 0 ? -1 : 1),
                2 => Math.Round(rng.NextDouble() * 1000, rng.Next(0, 8)) + 5e-7 * (rng.Next(3) - 1),
                3 => -1e-7 * rng.NextDouble(),
                4 => rng.NextDouble() * 1e8,
                _ => rng.NextDouble() * 1e6,
            };
            list.Add(i % 7 == 3
                ? new JobOutcome(new JobId(i), JobKind.Training, Text(), JobStatus.Rejected, start, start, start, start, null, null, 4,
                    Locality.ScaleUpDomain, 0, 0, 0, Text())
                : new JobOutcome(new JobId(i), (JobKind)(i % 3), Text(), JobStatus.Finished, start, start + SimDuration.FromMicroseconds(rng.Next(0, 99_999_999)),
                    start + SimDuration.FromMicroseconds(rng.NextInt64(0, 99_999_999_999)), start + SimDuration.FromMicroseconds(rng.NextInt64(100_000_000_000, 999_999_999_999)),
                    new CentreId(i % 2), Text(), 1 + i % 8, (Locality)(i % 3), Num(), Num(), Num(), null)
                {
                    ChipMilli = i % 3 == 0 ? 250 : 1000, Servers = Text(), Preemptions = i % 5, Migrations = i % 2,
                    EnergyCostCny = Num(), CapexCny = Num(), WanTransferGb = i % 4 == 0 ? Num() : 0, ReferenceChipHours = Num(),
                    WaitTimes = new WaitTimes(WaitReasons.All.Select(_ => rng.Next(3) == 0 ? 0 : rng.NextInt64(0, 99_999_999_999)).ToArray()),
                    Queued = SimDuration.FromMicroseconds(rng.NextInt64(0, 9_000_000_000)),
                });
        }
        return list;
    }

    [Fact]
    public void Jobs_csv_is_byte_for_byte_what_CsvHelper_wrote_with_one_field_per_call_for_texts_that_need_quotes_and_numbers_of_every_size()
    {
        var scenario = new ScenarioBuilder().WithCentre("c, \"east\"", "r", (ScenarioBuilder.RefServer, 4)).WithCentre("west", "r", (ScenarioBuilder.RefServer, 4)).Build();
        var outcomes = Outcomes(20_000, 5); // several MB: the buffer is written out many times
        var wan = scenario.Wan with { TransferCnyPerTb = 500 };

        using var expected = new MemoryStream();
        CsvHelperJobsCsv(expected, outcomes, scenario.Centres, wan);
        using var actual = new MemoryStream();
        JobsCsv.Write(actual, outcomes, scenario.Centres, wan);

        using var dir = new TempFolder();
        using (var file = new FileStream(dir.File("jobs.csv"), FileMode.Create)) // a file is written behind, on another thread
            JobsCsv.Write(file, outcomes, scenario.Centres, wan);

        Assert.True(expected.Length > 3 << 20);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(actual.ToArray()));
        Assert.Equal(expected.ToArray(), actual.ToArray());
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(dir.File("jobs.csv")));
    }

    [Fact]
    public void Rows_formatted_in_batches_on_several_threads_are_written_in_order_as_one_thread_writes_them()
    {
        static void Row(Utf8CsvWriter csv, int i)
        {
            csv.Int(i);
            csv.Text(i % 3 == 0 ? "a,\"b\"" : new string('x', i % 50));
            csv.Number(i / 7d);
            csv.EndRecord();
        }
        using var expected = new MemoryStream();
        using (var csv = new Utf8CsvWriter(expected))
            for (int i = 0; i < 10_001; i++) Row(csv, i);

        foreach (var (formatters, batch, batches) in new[] { (1, 1, 2), (2, 7, 2), (3, 100, 3), (2, 1024, 32), (4, 20_000, 2) })
        {
            using var actual = new MemoryStream();
            ParallelRows.Write(actual, Enumerable.Range(0, 10_001), Row, formatters, batch, batches);
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }
        using var none = new MemoryStream();
        ParallelRows.Write(none, Enumerable.Empty<int>(), Row, 2);
        Assert.Equal(0, none.Length);

        var outcomes = Outcomes(3_000, 11);
        var scenario = new ScenarioBuilder().WithCentre("c, \"east\"", "r", (ScenarioBuilder.RefServer, 4)).WithCentre("west", "r", (ScenarioBuilder.RefServer, 4)).Build();
        using var one = new MemoryStream();
        JobsCsv.Write(one, outcomes, scenario.Centres, scenario.Wan, formatters: 1);
        using var three = new MemoryStream();
        JobsCsv.Write(three, outcomes, scenario.Centres, scenario.Wan, formatters: 3);
        Assert.Equal(one.ToArray(), three.ToArray());
    }

    [Fact]
    public void An_exception_of_the_items_or_of_a_row_reaches_the_caller_once_the_threads_have_stopped()
    {
        static IEnumerable<int> Failing()
        {
            for (int i = 0; i < 5_000; i++) yield return i;
            throw new InvalidDataException("an outcome spill file ends inside a record");
        }
        var e = Assert.Throws<InvalidDataException>(() => ParallelRows.Write(Stream.Null, Failing(), (csv, i) => csv.Int(i), 2, batch: 100, batches: 4));
        Assert.Contains("inside a record", e.Message);

        var row = Assert.Throws<ArgumentException>(() => ParallelRows.Write(Stream.Null, Enumerable.Range(0, 100_000),
            (csv, i) => { if (i == 77_777) throw new ArgumentException("row 77777"); csv.Int(i); }, 2, batch: 100, batches: 4));
        Assert.Equal("row 77777", row.Message);

        using var dir = new TempFolder();
        File.WriteAllText(dir.File("jobs.csv"), "");
        var readOnly = new FileStream(dir.File("jobs.csv"), FileMode.Open, FileAccess.Read);
        using (readOnly)
        {
            var io = Assert.Throws<IOException>(() => ParallelRows.Write(readOnly, Enumerable.Range(0, 100_000), (csv, i) => { csv.Int(i); csv.EndRecord(); }, 2, batch: 100, batches: 4));
            Assert.StartsWith("cannot write ", io.Message);
            Assert.Contains("jobs.csv", io.Message);
        }
    }

    [Fact]
    public void A_field_with_a_comma_quote_CR_or_LF_is_quoted_with_its_quotes_doubled_and_nothing_else_is_quoted()
    {
        using var stream = new MemoryStream();
        using (var csv = new Utf8CsvWriter(stream))
        {
            csv.Record(["needs 1024 chips, more than any matching pool holds", "no \"stack\"", "a\nb", "a\rb", " spaced ", "0:8;1:8", "", null, "昇腾"]);
        }

        Assert.Equal("\"needs 1024 chips, more than any matching pool holds\",\"no \"\"stack\"\"\",\"a\nb\",\"a\rb\", spaced ,0:8;1:8,,,昇腾\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Numbers_formatted_into_bytes_are_the_texts_of_the_string_formatting_for_every_double_and_time()
    {
        Gen.Select(Gen.Double, Gen.Int[-12, 17], Gen.Int[0, 6]).Sample((x, exp, decimals) =>
        {
            foreach (double v in new[] { x, x * Math.Pow(10, exp), Math.Round(x * Math.Pow(10, exp), decimals) + 0.5 * Math.Pow(10, -decimals), -x })
                if (FmtUtf8(v, decimals) != Fmt.Number(v, decimals)) return false;
            return true;
        }, iter: 200_000, seed: "0N0XIzNsQ0O2");
        Gen.Long.Where(us => us != long.MinValue).Sample(us => Seconds(us) == Fmt.Seconds(us) && Int(us) == Fmt.Int(us), iter: 100_000, seed: "0N0XIzNsQ0O2");
        foreach (double v in new[] { 0.0, -0.0, 1e-7, -1e-7, 4e-7, 5e-7, -5e-7, 99_999_999.9999994, 99_999_999.9999995, 1e8, -1e8, 1e15, 1e300, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            foreach (int d in new[] { 3, 6 })
                Assert.Equal(Fmt.Number(v, d), FmtUtf8(v, d));
        Assert.Equal(Fmt.Seconds(0), Seconds(0));
        Assert.Equal(Fmt.Seconds(-1), Seconds(-1));
    }

    private static string FmtUtf8(double v, int decimals)
    {
        Span<byte> b = stackalloc byte[Fmt.MaxNumberBytes];
        return Encoding.UTF8.GetString(b[..Fmt.Number(b, v, decimals)]);
    }

    private static string Seconds(long us)
    {
        Span<byte> b = stackalloc byte[Fmt.MaxSecondsBytes];
        return Encoding.UTF8.GetString(b[..Fmt.Seconds(b, us)]);
    }

    private static string Int(long v)
    {
        Span<byte> b = stackalloc byte[Fmt.MaxIntBytes];
        return Encoding.UTF8.GetString(b[..Fmt.Int(b, v)]);
    }

    /// <summary>jobs.csv as it was written before (CsvHelper, one WriteField per column): the reference the fast writer must match.</summary>
    private static void CsvHelperJobsCsv(Stream stream, IEnumerable<JobOutcome> ordered, IReadOnlyList<CentreSpec> centres, WanSettings? wan)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteRecord(JobsCsv.Header);
        foreach (var o in ordered)
        {
            csv.WriteField(Fmt.Int(o.Id.Value));
            csv.WriteField(ResultNames.Kebab(o.Kind.ToString()));
            csv.WriteField(o.JobClass);
            csv.WriteField(ResultNames.Kebab(o.Status.ToString()));
            csv.WriteField(Fmt.Seconds(o.Submit.Microseconds));
            csv.WriteField(Fmt.Seconds(o.Dispatch.Microseconds));
            csv.WriteField(Fmt.Seconds(o.Start.Microseconds));
            csv.WriteField(Fmt.Seconds(o.End.Microseconds));
            csv.WriteField(o.Centre is { } c ? centres[c.Value].Key : "");
            csv.WriteField(o.ChipModel ?? "");
            csv.WriteField(Fmt.Int(o.Chips));
            csv.WriteField(Fmt.Int(o.ChipMilli));
            csv.WriteField(o.Status == JobStatus.Finished ? ResultNames.Kebab(o.Locality.ToString()) : "");
            csv.WriteField(Fmt.Seconds(o.Wait.Microseconds));
            csv.WriteField(Fmt.Seconds(o.Jct.Microseconds));
            csv.WriteField(Fmt.Number(o.EnergyKwh));
            double wanCost = wan?.TransferCostCny(o.WanTransferGb) ?? 0;
            csv.WriteField(Fmt.Number(o.CostCny + wanCost));
            csv.WriteField(Fmt.Number(o.CarbonKg));
            csv.WriteField(o.RejectReason ?? "");
            csv.WriteField(o.Servers);
            csv.WriteField(Fmt.Int(o.Preemptions));
            csv.WriteField(Fmt.Int(o.Migrations));
            csv.WriteField(Fmt.Number(o.CapexCny));
            csv.WriteField(Fmt.Number(o.EnergyCostCny));
            csv.WriteField(Fmt.Number(o.WanTransferGb));
            csv.WriteField(Fmt.Number(wanCost));
            csv.WriteField(Fmt.Number(o.ReferenceChipHours));
            csv.WriteField(Fmt.Seconds(o.Queued.Microseconds));
            foreach (var reason in WaitReasons.All) csv.WriteField(Fmt.Seconds(o.WaitTimes[reason]));
            csv.EndRecord();
        }
    }
}
