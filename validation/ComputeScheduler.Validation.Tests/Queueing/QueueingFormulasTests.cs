using ComputeScheduler.Validation.Queueing;
using MathNet.Numerics.Distributions;

namespace ComputeScheduler.Validation.Tests.Queueing;

/// <summary>The closed forms against textbook values.</summary>
public sealed class QueueingFormulasTests
{
    [Fact]
    public void Erlang_C_of_one_server_is_its_load()
        => Assert.Equal(0.7, QueueingFormulas.ErlangC(1, 0.7), 12);

    [Fact]
    public void Erlang_C_of_three_servers_at_two_erlangs_is_four_ninths()
        // Gross & Harris style example: lambda = 6/h, mu = 3/h, c = 3: P0 = 1/9, C = (8/6)(3)(1/9).
        => Assert.Equal(4.0 / 9, QueueingFormulas.ErlangC(3, 2), 12);

    [Fact]
    public void Erlang_C_of_ten_servers_at_eight_erlangs_is_the_call_centre_table_value()
        => Assert.Equal(0.4092, QueueingFormulas.ErlangC(10, 8), 4);

    [Fact]
    public void Erlang_C_of_many_servers_does_not_overflow()
    {
        double c = QueueingFormulas.ErlangC(2000, 1900);
        Assert.InRange(c, 0, 1);
    }

    [Fact]
    public void M_M_c_mean_wait_of_three_servers_at_two_erlangs_is_four_twenty_sevenths_of_an_hour()
        => Assert.Equal(4.0 / 27 * 3600, QueueingFormulas.MmcMeanWait(3, 6.0 / 3600, 1200), 6);

    [Fact]
    public void M_M_c_mean_wait_of_one_server_is_rho_over_mu_minus_lambda()
        => Assert.Equal(0.5 / (1 - 0.5), QueueingFormulas.MmcMeanWait(1, 0.5, 1), 12);

    [Fact]
    public void Pollaczek_Khinchine_with_exponential_service_is_the_M_M_1_wait()
        => Assert.Equal(QueueingFormulas.MmcMeanWait(1, 0.8 / 10, 10), QueueingFormulas.PollaczekKhinchineMeanWait(0.8 / 10, 10, 1), 9);

    [Fact]
    public void Pollaczek_Khinchine_with_deterministic_service_is_half_the_M_M_1_wait()
        // M/D/1 at rho = 0.5, E[S] = 1: Wq = rho / (2 mu (1 - rho)) = 0.5.
        => Assert.Equal(0.5, QueueingFormulas.PollaczekKhinchineMeanWait(0.5, 1, 0), 12);

    [Fact]
    public void The_lognormal_of_a_mean_and_scv_has_that_mean_and_scv()
    {
        var (mu, sigma) = QueueingFormulas.LogNormalOf(1000, 2);
        var d = new LogNormal(mu, sigma);
        Assert.Equal(1000, d.Mean, 9);
        Assert.Equal(2, d.Variance / (d.Mean * d.Mean), 9);
    }

    [Fact]
    public void The_interval_of_one_to_five_at_95_percent_is_three_plus_minus_1_963()
    {
        // t(0.975, 4) = 2.776445, s = sqrt(2.5): half-width 2.776445 sqrt(2.5) / sqrt(5).
        var ci = MeanInterval.Of([1, 2, 3, 4, 5], 0.95);
        Assert.Equal(3, ci.Mean, 12);
        Assert.Equal(1.96324, ci.HalfWidth, 4);
        Assert.True(ci.Contains(4.9) && !ci.Contains(5.0));
    }
}
