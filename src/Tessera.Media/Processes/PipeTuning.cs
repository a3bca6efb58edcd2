using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Tessera.Media;

/// <summary>
/// Enlarges a Linux pipe's kernel buffer. A 1280x720 RGB frame is 2.7 MB; through the default 64 KiB
/// pipe that is ~42 wake-ups of reader and writer per frame, which halves throughput on a busy
/// 2-core machine. Best effort: failure just leaves the default size.
/// </summary>
internal static partial class PipeTuning
{
    private const int FSetPipeSize = 1031; // F_SETPIPE_SZ
    private const int DesiredBytes = 1 << 20; // the unprivileged maximum (/proc/sys/fs/pipe-max-size)

    public static void Enlarge(Stream stream)
    {
        if (!OperatingSystem.IsLinux()) return;
        var handle = stream switch
        {
            PipeStream p => p.SafePipeHandle.DangerousGetHandle(),
            FileStream f => f.SafeFileHandle.DangerousGetHandle(),
            _ => IntPtr.Zero,
        };
        if (handle == IntPtr.Zero) return;
        _ = Fcntl((int)handle, FSetPipeSize, DesiredBytes);
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
