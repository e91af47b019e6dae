namespace ComputeScheduler.Cluster.Serialization;

/// <summary>Bytes of window-protocol messages this process serialized and deserialized (process-wide, for telemetry).</summary>
internal static class WireBytes
{
    private static long _written;
    private static long _read;

    public static long Written => Interlocked.Read(ref _written);
    public static long Read => Interlocked.Read(ref _read);
    public static long Total => Written + Read;

    internal static void AddWritten(long bytes) => Interlocked.Add(ref _written, bytes);
    internal static void AddRead(long bytes) => Interlocked.Add(ref _read, bytes);
}
