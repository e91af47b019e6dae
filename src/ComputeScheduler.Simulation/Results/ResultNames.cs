namespace ComputeScheduler.Simulation.Results;

/// <summary>How enum members are named in result files.</summary>
public static class ResultNames
{
    /// <summary>A PascalCase member name in kebab case: <c>NoCapacity</c> is <c>no-capacity</c>, <c>ScaleUpDomain</c> is <c>scale-up-domain</c>.</summary>
    public static string Kebab(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
