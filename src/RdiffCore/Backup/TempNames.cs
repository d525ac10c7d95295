using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Backup;

/// <summary>rdiff-backup's temp names, rdiff-backup.tmp.N beside the target, so that a regress of either tool removes leftovers.</summary>
internal sealed class TempNames
{
    private long _next = Environment.ProcessId * 1000L;

    public byte[] Next(byte[] directory) => RelPath.Join(directory, Encoding.ASCII.GetBytes($"rdiff-backup.tmp.{_next++}"));
}
