using Pacer.Cli;

return await PacerApp.RunAsync(args);
