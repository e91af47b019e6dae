using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

/// <summary>carbon-aware with delay-tolerant jobs, on a hand-built pair of centres.</summary>
public class CarbonAwareDelayTests
{
    // c0 ("sunny"): annual 0.6 kg/kWh; multipliers 3 for hours 0-11 and 1 for 12-23, rescaled to mean 1:
    // 1.5 and 0.5, so 0.9 kg/kWh before noon and 0.3 after. c1: flat 0.5. Both PUE 1.2, both idle.
    // Per kWh of IT energy: c0 1.08 before noon and 0.36 after; c1 0.60 all day.
    private static readonly HourlyFactors SunnyAfternoons = new([.. Enumerable.Repeat(3.0, 12), .. Enumerable.Repeat(1.0, 12)]);

    private static readonly CentreView[] Views =
    [
        new(new CentreId(0), "sunny", "west", 64, 64, 0, 0, 0.5, 1.2, 0.6, 0, CarbonHourly: SunnyAfternoons),
        new(new CentreId(1), "flat", "east", 64, 64, 0, 0, 0.5, 1.2, 0.5, 0),
    ];

    private static SimTime At(double hours) => SimTime.FromSeconds(hours * 3600);

    private static JobSpec Tolerant(double submitH, double maxDelayH) => Job(0, submitH * 3600, 8, 3600) with { MaxDelayS = maxDelayH * 3600 };

    [Fact]
    public void A_job_that_may_not_wait_goes_to_the_greenest_centre_of_the_hour()
    {
        var policy = new CarbonAwareDispatch();
        Assert.Equal(DispatchDecision.To(new CentreId(1)), policy.Dispatch(At(2), Job(0, 7200, 8, 3600), Views));   // 0.60 < 1.08
        Assert.Equal(DispatchDecision.To(new CentreId(0)), policy.Dispatch(At(13), Job(1, 46800, 8, 3600), Views)); // 0.36 < 0.60
    }

    [Fact]
    public void A_delay_tolerant_job_waits_for_the_greener_hour_within_its_deadline_and_then_goes_there()
    {
        var policy = new CarbonAwareDispatch();
        var job = Tolerant(submitH: 2, maxDelayH: 12);   // deadline 14:00; c0 drops to 0.36 at 12:00
        Assert.Equal(DispatchDecision.Wait, policy.Dispatch(At(2), job, Views));
        Assert.Equal(DispatchDecision.Wait, policy.Dispatch(At(11.99), job, Views));
        Assert.Equal(DispatchDecision.To(new CentreId(0)), policy.Dispatch(At(12), job, Views));
    }

    [Fact]
    public void A_delay_tolerant_job_whose_deadline_comes_before_the_greener_hour_goes_at_once()
    {
        // Deadline 10:00, before c0's 12:00 drop: nothing greener than c1's 0.60 within reach.
        Assert.Equal(DispatchDecision.To(new CentreId(1)), new CarbonAwareDispatch().Dispatch(At(2), Tolerant(submitH: 2, maxDelayH: 8), Views));
    }

    [Fact]
    public void A_held_job_is_dispatched_at_its_deadline_even_if_the_greener_centre_never_has_room()
    {
        // Held at 02:00 for c0's 12:00 drop (deadline 14:00). From 12:00 c0 is full, so the best with room
        // now is c1 (0.60), while c0 is forecast at 0.36 in the next hours: held again hour by hour.
        // At 14:00, the deadline, the job goes at once: to c1, the greenest centre with room.
        var policy = new CarbonAwareDispatch();
        var job = Tolerant(submitH: 2, maxDelayH: 12);
        CentreView[] c0Full = [Views[0] with { EligibleFreeChips = 0 }, Views[1]];
        Assert.Equal(DispatchDecision.Wait, policy.Dispatch(At(2), job, Views));
        Assert.Equal(DispatchDecision.Wait, policy.Dispatch(At(12), job, c0Full));
        Assert.Equal(DispatchDecision.Wait, policy.Dispatch(At(13), job, c0Full));
        Assert.Equal(DispatchDecision.To(new CentreId(1)), policy.Dispatch(At(14), job, c0Full));
    }

    [Fact]
    public void A_delay_tolerant_job_submitted_in_the_greenest_hour_does_not_wait()
    {
        // 13:00 with 30 h allowed: c0 is at 0.36 now, and no hour of the next day is lower.
        Assert.Equal(DispatchDecision.To(new CentreId(0)), new CarbonAwareDispatch().Dispatch(At(13), Tolerant(submitH: 13, maxDelayH: 30), Views));
    }

    [Fact]
    public void Without_daily_profiles_no_job_waits()
    {
        CentreView[] flat = [Views[0] with { CarbonHourly = null }, Views[1]];
        Assert.Equal(DispatchDecision.To(new CentreId(1)), new CarbonAwareDispatch().Dispatch(At(2), Tolerant(submitH: 2, maxDelayH: 24), flat));
    }
}
