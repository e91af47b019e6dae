using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComputeScheduler.Model.Jobs;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// SHA-256 of the jobs a run was given, taken as they stream past: every field of each job
/// (id, submit time in microseconds, what it asks for, its work and its data), in order. Two runs
/// with the same fingerprint were given the same workload, whatever their policies or capacity;
/// `compare` checks it before it sets runs side by side.
/// </summary>
public sealed class WorkloadFingerprint
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder _line = new();
    private string? _hex;

    /// <summary>The jobs, unchanged, hashed as they are read.</summary>
    public IEnumerable<JobSpec> Over(IEnumerable<JobSpec> jobs)
    {
        foreach (var job in jobs)
        {
            Append(job);
            yield return job;
        }
    }

    /// <summary>Jobs hashed so far.</summary>
    public long Jobs { get; private set; }

    /// <summary>The hash of the jobs read (lower-case hex); read it after the run, when every job has streamed past.</summary>
    public string Sha256 => _hex ??= Convert.ToHexStringLower(_sha.GetCurrentHash());

    private void Append(JobSpec j)
    {
        _hex = null;
        Jobs++;
        var c = CultureInfo.InvariantCulture;
        _line.Clear()
            .Append(c, $"{j.Id.Value},{j.Submit.Microseconds},{j.Tenant},{j.Kind},{j.JobClass},{j.Chips},{j.ChipMilli},{j.ChipModel},{j.SoftwareStack},")
            .Append(c, $"{j.WorkReferenceChipSeconds:R},{j.Priority},{j.DataRegion},{j.DataSizeGb:R},{j.IsDataRestricted},{j.DemandRegion},{j.LatencyLimitMs:R},")
            .Append(c, $"{j.TargetCentre?.Value},{j.ObservedRuntimeS:R},{j.ObservedChipModel},{j.CpuMilli},{j.MemoryMib},{j.MaxDelayS:R},{j.DataCentre}\n");
        _sha.AppendData(Encoding.UTF8.GetBytes(_line.ToString()));
    }
}
