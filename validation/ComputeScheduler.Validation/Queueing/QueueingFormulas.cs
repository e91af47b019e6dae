namespace ComputeScheduler.Validation.Queueing;

/// <summary>
/// Closed forms of queueing theory the engine is checked against (docs/validation.md, "Queueing
/// theory as a check of the engine"). Rates are per second, times in seconds.
/// </summary>
public static class QueueingFormulas
{
    /// <summary>
    /// Erlang C: the probability that an arrival to an M/M/c queue waits, for offered load
    /// <paramref name="offeredErlangs"/> = lambda / mu (below c). Computed through the Erlang B
    /// recursion B(k) = a B(k-1) / (k + a B(k-1)), which does not overflow for large c.
    /// </summary>
    public static double ErlangC(int servers, double offeredErlangs)
    {
        if (servers < 1) throw new ArgumentOutOfRangeException(nameof(servers), servers, "at least one server");
        if (!(offeredErlangs > 0 && offeredErlangs < servers))
            throw new ArgumentOutOfRangeException(nameof(offeredErlangs), offeredErlangs, "the offered load must be in (0, servers)");
        double b = 1;
        for (int k = 1; k <= servers; k++) b = offeredErlangs * b / (k + offeredErlangs * b);
        double rho = offeredErlangs / servers;
        return b / (1 - rho + rho * b);
    }

    /// <summary>Mean wait in queue of M/M/c: C(c, a) / (c mu - lambda).</summary>
    public static double MmcMeanWait(int servers, double arrivalRate, double meanServiceS)
    {
        double a = arrivalRate * meanServiceS;
        return ErlangC(servers, a) / (servers / meanServiceS - arrivalRate);
    }

    /// <summary>
    /// Pollaczek-Khinchine mean wait in queue of M/G/1: lambda E[S^2] / (2 (1 - rho)), written with
    /// the service time's squared coefficient of variation: rho E[S] (1 + scv) / (2 (1 - rho)).
    /// </summary>
    public static double PollaczekKhinchineMeanWait(double arrivalRate, double meanServiceS, double serviceScv)
    {
        double rho = arrivalRate * meanServiceS;
        if (!(rho > 0 && rho < 1)) throw new ArgumentOutOfRangeException(nameof(arrivalRate), rho, "the load must be in (0, 1)");
        if (serviceScv < 0) throw new ArgumentOutOfRangeException(nameof(serviceScv), serviceScv, "a squared coefficient of variation is not negative");
        return rho * meanServiceS * (1 + serviceScv) / (2 * (1 - rho));
    }

    /// <summary>
    /// The (mu, sigma) of the log-normal distribution of the given mean and squared coefficient of
    /// variation: sigma^2 = ln(1 + scv), mu = ln(mean) - sigma^2 / 2.
    /// </summary>
    public static (double Mu, double Sigma) LogNormalOf(double mean, double scv)
    {
        double sigma2 = Math.Log(1 + scv);
        return (Math.Log(mean) - sigma2 / 2, Math.Sqrt(sigma2));
    }
}
