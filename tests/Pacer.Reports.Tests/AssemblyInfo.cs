namespace Pacer.Reports.Tests;
