namespace Pacer.Core.Flows;

/// <summary>What an iteration does next, as <see cref="FlowRunner.Next"/> decides.</summary>
internal enum FlowAction
{
    /// <summary>Send the virtual user's rendered request.</summary>
    Send,

    /// <summary>
    /// Run <see cref="FlowIteration.PendingSocket"/> (a WebSocket step), or close the iteration's sockets when it is null (the
    /// iteration's end), through the runner's <see cref="SocketStepRunner"/>.
    /// </summary>
    Socket,

    /// <summary>Pause until <see cref="FlowIteration.WaitUntilTicks"/> (think time, pacing).</summary>
    Wait,

    /// <summary>The iteration is over; <see cref="FlowIteration.KeepRunning"/> says whether more may start.</summary>
    Done,
}
