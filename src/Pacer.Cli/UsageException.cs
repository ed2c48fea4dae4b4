namespace Pacer.Cli;

/// <summary>Bad usage or input that the user can fix; printed without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
