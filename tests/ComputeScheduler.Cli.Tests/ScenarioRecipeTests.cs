using System.Collections.Immutable;
using System.CommandLine;
using ComputeScheduler.Cli.Commands;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Cli.Tests;

public class ScenarioRecipeTests
{
    [Fact]
    public void A_worker_reads_the_coordinators_relative_paths_from_the_coordinators_folder_without_moving_its_own()
    {
        var scenario = new Argument<string>("scenario");
        var jobs = new Option<string?>("--jobs");
        var seed = new Option<int>("--seed");
        OptionParsers.RequirePath(scenario, "a scenario file path");
        OptionParsers.RequirePath(jobs, "a job file path");
        var run = new Command("run") { scenario, jobs, seed };
        var root = new RootCommand { run };
        var recipe = new ScenarioRecipe(["run", Path.Combine("topologies", "single-centre.yaml"), "--jobs", "jobs.csv", "--seed", "7"], RepoPaths.Root, ImmutableArray<RecipeFile>.Empty);
        string here = Environment.CurrentDirectory;
        (string? Scenario, string? Jobs, int Seed, string Folder) seen = default;

        var built = ScenarioRecipes.Resolve(recipe, root, parse =>
        {
            seen = (parse.GetValue(scenario), parse.GetValue(jobs), parse.GetValue(seed), Environment.CurrentDirectory);
            return ScenarioLoader.Load(seen.Scenario!);
        });

        Assert.Equal(RepoPaths.Topology("single-centre.yaml"), seen.Scenario);
        Assert.Equal(Path.Combine(RepoPaths.Root, "jobs.csv"), seen.Jobs);
        Assert.Equal(7, seen.Seed);
        Assert.Equal(here, seen.Folder);
        Assert.Equal(here, Environment.CurrentDirectory);
        Assert.Single(built.Centres);
    }
}
