using System.Net;

namespace ComputeScheduler.Reports.Html;

/// <summary>HTML escaping.</summary>
public static class Html
{
    public static string Text(string text) => WebUtility.HtmlEncode(text);

    public static string Attribute(string text) => WebUtility.HtmlEncode(text);
}
