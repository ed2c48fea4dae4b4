namespace Pacer.Cli;

/// <summary>The exit-code contract (docs/exit-codes.md); the same numbers k6 uses.</summary>
internal static class ExitCodes
{
    public const int Passed = 0;
    public const int RuntimeFailure = 1;
    public const int InvalidInput = 2;
    public const int CriteriaFailed = 99;
    public const int Interrupted = 130;
}
