using System.Globalization;
using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Cli;

/// <summary>The cost lines of the end-of-run table: the parts of the total, the idle share, per reference-chip-hour and per region.</summary>
internal static class CostRows
{
    public static void Add(Action<string, string> row, CostSummary c)
    {
        row("  capex / energy / WAN (million CNY)", $"{M(c.Total.CapexCny)} / {M(c.Total.EnergyCostCny)} / {M(c.Total.WanCostCny)}");
        row("  of which idle (million CNY)", $"{M(c.Idle.TotalCny)} ({M(c.Idle.CapexCny)} capex + {M(c.Idle.EnergyCostCny)} energy)");
        row("facility energy / of which idle (MWh)", $"{(c.FacilityEnergyKwh / 1000).ToString("N1", CultureInfo.InvariantCulture)} / {(c.IdleEnergyKwh / 1000).ToString("N1", CultureInfo.InvariantCulture)}");
        row("cost per reference-chip-hour (CNY)", c.CnyPerReferenceChipHour.ToString("N2", CultureInfo.InvariantCulture));
        row("cost by region (million CNY)", "");
        foreach (var r in c.Regions) row($"  {Short(r.Name)}", M(r.TotalCny));
    }

    /// <summary>A region name cut to fit the table's first column ("guangdong-hong-kong-macao-greater-bay-area" is 42 characters).</summary>
    private static string Short(string name) => name.Length <= 30 ? name : name[..29] + "…";

    private static string M(double cny) => (cny / 1e6).ToString("N2", CultureInfo.InvariantCulture);
}
