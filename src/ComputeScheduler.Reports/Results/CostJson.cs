using System.Text.Json;

namespace ComputeScheduler.Reports.Results;

/// <summary>The "cost" object of summary.json (<see cref="CostSummary"/>): totals, idle share, per class, region and centre.</summary>
internal static class CostJson
{
    public static void Write(Utf8JsonWriter w, CostSummary c)
    {
        w.WriteStartObject("cost");
        Line(w, c.Total);
        Energy(w, c.FacilityEnergyKwh, c.JobsEnergyKwh, c.IdleEnergyKwh, c.FacilityCarbonKg);
        SummaryJson.Num(w, "deliveredReferenceChipHours", c.DeliveredReferenceChipHours);
        SummaryJson.Num(w, "cnyPerReferenceChipHour", c.CnyPerReferenceChipHour);
        Object(w, "idle", c.Idle);
        Lines(w, "classes", "class", c.Classes);
        Lines(w, "regions", "region", c.Regions);
        w.WriteStartArray("centres");
        foreach (var centre in c.Centres)
        {
            w.WriteStartObject();
            w.WriteString("centre", centre.Centre);
            w.WriteString("region", centre.Region);
            Line(w, centre.Total);
            SummaryJson.Num(w, "installedChipHours", centre.InstalledChipHours);
            Energy(w, centre.FacilityEnergyKwh, centre.JobsEnergyKwh, centre.IdleEnergyKwh, centre.FacilityCarbonKg);
            Object(w, "idle", centre.Idle);
            Lines(w, "classes", "class", centre.Classes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The energy fields of the total and of each centre, in one order.</summary>
    private static void Energy(Utf8JsonWriter w, double facilityKwh, double jobsKwh, double idleKwh, double facilityCarbonKg)
    {
        SummaryJson.Num(w, "facilityEnergyKwh", facilityKwh);
        SummaryJson.Num(w, "jobsEnergyKwh", jobsKwh);
        SummaryJson.Num(w, "idleEnergyKwh", idleKwh);
        SummaryJson.Num(w, "facilityCarbonKg", facilityCarbonKg);
    }

    private static void Line(Utf8JsonWriter w, CostLine l)
    {
        SummaryJson.Num(w, "capexCny", l.CapexCny);
        SummaryJson.Num(w, "energyCostCny", l.EnergyCostCny);
        SummaryJson.Num(w, "wanCostCny", l.WanCostCny);
        SummaryJson.Num(w, "totalCny", l.TotalCny);
    }

    private static void Object(Utf8JsonWriter w, string name, CostLine l)
    {
        w.WriteStartObject(name);
        Line(w, l);
        w.WriteEndObject();
    }

    private static void Lines(Utf8JsonWriter w, string name, string key, IReadOnlyList<CostLine> lines)
    {
        w.WriteStartArray(name);
        foreach (var l in lines)
        {
            w.WriteStartObject();
            w.WriteString(key, l.Name);
            Line(w, l);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
