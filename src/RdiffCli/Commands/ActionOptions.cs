using RdiffCore;

namespace RdiffCli.Commands;

/// <summary>
/// The rules of rdiff-backup 2.2.2's argparse that go beyond where an option is valid (which
/// <see cref="ArgumentParser"/> checks against <see cref="OptionTable"/>): a 1.x command line takes
/// one action flag at most, and list files takes --at or --changed-since, not both; refused with
/// exit 2 as rdiff-backup refuses them, instead of silently meaning something.
/// </summary>
internal static class ActionOptions
{
    /// <summary>Throws a <see cref="UsageException"/> (exit 2) for a combination rdiff-backup would refuse.</summary>
    public static void Check(ParsedArguments args)
    {
        if (!args.NewStyle)
        {
            string[] actions = [.. OptionTable.OldActionKeys.Where(args.Has)];
            if (actions.Length > 1)
            {
                throw new UsageException($"--{actions[1]} is not allowed with --{actions[0]}: give one action");
            }
            return;
        }
        if (args.Has("at") && args.Has("changed-since"))
        {
            throw new UsageException("list files takes --at or --changed-since, not both");
        }
    }
}
