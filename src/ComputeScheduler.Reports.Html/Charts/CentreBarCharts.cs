using ComputeScheduler.Reports.Html.Data;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>Per-centre bars of energy, cost and carbon (summary.json <c>centres[]</c> and <c>cost.centres[]</c>).</summary>
public static class CentreBarCharts
{
    public static Chart Energy(RunSummaryFile s)
    {
        var names = s.Centres.Select(c => c.Centre).ToList();
        bool full = s.Centres.All(c => c.Cost is not null);
        var parts = new List<(string, double[])> { ("jobs' energy", s.Centres.Select(c => c.JobsEnergyKwh / 1000).ToArray()) };
        if (full) parts.Add(("idle chips and hosts", s.Centres.Select(c => c.Cost!.IdleEnergyKwh / 1000).ToArray()));
        var plot = ChartStyle.NewPlot("Energy per centre", "", "energy (MWh)");
        StackedBars.Add(plot, names, parts);
        return new Chart("centre-energy", full
            ? "Facility energy of each centre over the run, in MWh: the jobs' energy and, stacked on it, what idle chips and hosts drew (PUE included; summary.json cost.centres)."
            : "Energy of each centre's jobs over the run, in MWh (summary.json centres).", plot);
    }

    public static Chart Cost(RunSummaryFile s)
    {
        var names = s.Centres.Select(c => c.Centre).ToList();
        bool full = s.Centres.All(c => c.Cost is not null);
        var parts = full
            ? new List<(string, double[])>
            {
                ("capital (amortised)", s.Centres.Select(c => c.Cost!.CapexCny / 1e6).ToArray()),
                ("electricity", s.Centres.Select(c => c.Cost!.EnergyCostCny / 1e6).ToArray()),
                ("WAN transfer", s.Centres.Select(c => c.Cost!.WanCostCny / 1e6).ToArray()),
            }
            : [("cost", s.Centres.Select(c => c.CostCny / 1e6).ToArray())];
        var plot = ChartStyle.NewPlot("Cost per centre", "", "cost (million CNY)");
        StackedBars.Add(plot, names, parts);
        return new Chart("centre-cost", full
            ? "Full cost of each centre over the run, in million CNY: servers' capital cost amortised over their life, electricity (busy and idle, by hour and region) and WAN transfers, stacked (summary.json cost.centres; docs/cost-model.md)."
            : "Cost of each centre over the run, in million CNY (summary.json centres).", plot);
    }

    public static Chart Carbon(RunSummaryFile s)
    {
        var names = s.Centres.Select(c => c.Centre).ToList();
        bool full = s.Centres.All(c => c.Cost is not null);
        var parts = new List<(string, double[])> { ("jobs' energy", s.Centres.Select(c => c.JobsCarbonKg / 1000).ToArray()) };
        if (full) parts.Add(("rest of the facility", s.Centres.Select(c => Math.Max(0, c.Cost!.FacilityCarbonKg - c.JobsCarbonKg) / 1000).ToArray()));
        var plot = ChartStyle.NewPlot("Carbon per centre", "", "carbon (t CO2)");
        StackedBars.Add(plot, names, parts);
        return new Chart("centre-carbon", full
            ? "Carbon emitted by each centre's electricity over the run, in tonnes of CO2: from its jobs' energy and, stacked, from the rest of the facility's energy (idle chips and hosts; summary.json centres and cost.centres)."
            : "Carbon emitted by each centre's jobs over the run, in tonnes of CO2 (summary.json centres).", plot);
    }
}
