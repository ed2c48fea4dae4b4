namespace Pacer.Cli.Tests;
