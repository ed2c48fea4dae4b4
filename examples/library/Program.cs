using Pacer.Examples.Library;

return await LibraryExample.RunAsync(args, Console.Out, CancellationToken.None);
