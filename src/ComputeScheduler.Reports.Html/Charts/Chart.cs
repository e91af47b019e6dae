using ScottPlot;

namespace ComputeScheduler.Reports.Html.Charts;

/// <summary>One chart of the report: a name (the figure's data-chart and the PNG's file name), a caption saying what it shows and in which units, and the ScottPlot plot that draws it.</summary>
public sealed record Chart(string Name, string Caption, Plot Plot, int Width = 640, int Height = 440);
