namespace Pacer.Core.Tests;
