namespace ComputeScheduler.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run failed inside the simulator (a bug or a policy error), after input was accepted.</summary>
    public const int RunFailed = 1;

    /// <summary>Bad input: scenario, catalog, trace or command-line arguments.</summary>
    public const int BadInput = 2;

    /// <summary>A cluster run lost centres with their node and could not rebuild them; no results were written.</summary>
    public const int CentresLost = 3;
}
