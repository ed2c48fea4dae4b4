namespace Pacer.DemoTarget.Tests;
