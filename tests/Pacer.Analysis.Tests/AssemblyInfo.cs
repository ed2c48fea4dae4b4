namespace Pacer.Analysis.Tests;
