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
    // One job's fields, reused job after job: numbers as their bits, texts length-prefixed, nulls flagged,
    // so that no two different jobs encode alike and nothing is formatted on the run's path.
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;
    private string? _hex;

    public WorkloadFingerprint() => _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);

    /// <summary>The jobs, unchanged, hashed as they are read.</summary>
    public IEnumerable<JobSpec> Over(IEnumerable<JobSpec> jobs)
    {
        foreach (var job in jobs)
        {
            Append(job);
            yield return job;
        }
    }

    /// <summary>The hash of the jobs read (lower-case hex); read it after the run, when every job has streamed past.</summary>
    public string Sha256
    {
        get
        {
            if (_hex is null)
            {
                Flush();
                _hex = Convert.ToHexStringLower(_sha.GetCurrentHash());
            }
            return _hex;
        }
    }

    private void Append(JobSpec j)
    {
        _hex = null;
        var w = _writer;
        w.Write(j.Id.Value);
        w.Write(j.Submit.Microseconds);
        w.Write(j.Tenant);
        w.Write((int)j.Kind);
        w.Write(j.JobClass);
        w.Write(j.Chips);
        w.Write(j.ChipMilli);
        Text(j.ChipModel);
        Text(j.SoftwareStack);
        w.Write(j.WorkReferenceChipSeconds);
        w.Write(j.Priority);
        Text(j.DataRegion);
        w.Write(j.DataSizeGb);
        w.Write(j.IsDataRestricted);
        Text(j.DemandRegion);
        Number(j.LatencyLimitMs);
        w.Write(j.TargetCentre?.Value ?? -1);
        Number(j.ObservedRuntimeS);
        Text(j.ObservedChipModel);
        w.Write(j.CpuMilli);
        w.Write(j.MemoryMib);
        Number(j.MaxDelayS);
        Text(j.DataCentre);
        if (_buffer.Length >= 1 << 16) Flush();
    }

    /// <summary>Hashes the jobs encoded so far (in blocks: one hash call per job would cost more than the hashing).</summary>
    private void Flush()
    {
        _writer.Flush();
        _sha.AppendData(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        _buffer.SetLength(0);
    }

    private void Text(string? text)
    {
        _writer.Write(text is not null);
        if (text is not null) _writer.Write(text);
    }

    private void Number(double? value)
    {
        _writer.Write(value.HasValue);
        if (value is { } v) _writer.Write(v);
    }
}
