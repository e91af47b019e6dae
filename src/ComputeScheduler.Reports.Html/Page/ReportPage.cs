using ComputeScheduler.Reports.Html.Charts;

namespace ComputeScheduler.Reports.Html;

/// <summary>A table shown on the page: a caption, column names and rows of text.</summary>
public sealed record PageTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What one report page shows: a title, headline facts, notes (things left out and why), the charts and further tables.</summary>
public sealed record ReportPage(string Title, string Subtitle, PageTable Headline, IReadOnlyList<string> Notes, IReadOnlyList<Chart> Charts, IReadOnlyList<PageTable> Tables);
