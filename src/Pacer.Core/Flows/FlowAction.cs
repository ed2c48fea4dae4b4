namespace Pacer.Core.Flows;

/// <summary>What an iteration does next, as <see cref="FlowRunner.Next"/> decides.</summary>
internal enum FlowAction
{
    /// <summary>Send the virtual user's rendered request.</summary>
    Send,

    /// <summary>Pause until <see cref="FlowIteration.WaitUntilTicks"/> (think time, pacing).</summary>
    Wait,

    /// <summary>The iteration is over; <see cref="FlowIteration.KeepRunning"/> says whether more may start.</summary>
    Done,
}
