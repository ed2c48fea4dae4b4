using System.Globalization;
using System.Text;
using Pacer.Core.Flows;
using Pacer.Core.Plans.Scenarios;

namespace Pacer.Core.Tests.Flows;

public sealed class TemplateTests
{
    [Fact]
    public void Render_ContextVariablesAndData_FillsEveryPlaceholder()
    {
        var scope = new FakeTemplateScope { VirtualUser = 3, Iteration = 12_345_678_901, Scenario = "browse" };
        scope.Variables["token"] = "abc";
        scope.Variables["user.id"] = "u-9";
        scope.Data["email"] = "a@example.com";
        var template = Template.Compile("/vu/${vu}/iter/${iter}/${scenario}?t=${token}&u=${user.id}&e=${data.email}");

        Assert.Equal("/vu/3/iter/12345678901/browse?t=abc&u=u-9&e=a@example.com", template.Render(scope));
    }

    [Fact]
    public void Render_WhitespaceInsidePlaceholder_IsIgnored()
    {
        var scope = new FakeTemplateScope();
        scope.Variables["token"] = "abc";

        Assert.Equal("abc", Template.Compile("${ token }").Render(scope));
    }

    [Fact]
    public void Render_IntoBuilder_AppendsAfterExistingText()
    {
        var output = new StringBuilder("GET ");

        Template.Compile("/users/${vu}").Render(new FakeTemplateScope { VirtualUser = 5 }, output);

        Assert.Equal("GET /users/5", output.ToString());
    }

    [Fact]
    public void Compile_PlainText_IsConstant()
    {
        var template = Template.Compile("/health");

        Assert.True(template.IsConstant);
        Assert.Equal("/health", template.ConstantValue);
        Assert.Equal("/health", template.Render(new FakeTemplateScope()));
        Assert.Empty(template.Variables);
        Assert.Empty(template.DataColumns);
    }

    [Fact]
    public void Compile_EmptyText_IsConstantEmpty()
    {
        var template = Template.Compile(string.Empty);

        Assert.True(template.IsConstant);
        Assert.Equal(string.Empty, template.ConstantValue);
    }

    [Fact]
    public void Compile_DollarSigns_AreLiteralUnlessFollowedByBrace()
    {
        var scope = new FakeTemplateScope();
        scope.Variables["x"] = "X";

        Assert.Equal("cost $5, $$ and $X at the end $", Template.Compile("cost $5, $$ and $${x} at the end $").Render(scope));
    }

    [Fact]
    public void Compile_EnvPlaceholder_IsResolvedOnceAndConstant()
    {
        var name = $"PACER_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "secret");
        try
        {
            var template = Template.Compile($"Bearer ${{env.{name}}}");
            Environment.SetEnvironmentVariable(name, "changed");

            Assert.True(template.IsConstant);
            Assert.Equal("Bearer secret", template.ConstantValue);
            Assert.Equal("Bearer secret", template.Render(new FakeTemplateScope()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Compile_MissingEnvVar_ThrowsNamingIt()
    {
        var name = $"PACER_TEST_MISSING_{Guid.NewGuid():N}";

        var e = Assert.Throws<TemplateSyntaxException>(() => Template.Compile($"x=${{env.{name}}}"));

        Assert.Equal(9, e.Column);
        Assert.Contains($"environment variable '{name}' is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Placeholders_AreNotConstant()
    {
        var template = Template.Compile("${uuid}");

        Assert.False(template.IsConstant);
        Assert.Null(template.ConstantValue);
    }

    [Fact]
    public void Variables_AndDataColumns_ListEachNameOnceInOrder()
    {
        var template = Template.Compile("${b}${a}${b}${data.id}${user.name}${data.first name}${data.id}${vu}${uuid}");

        Assert.Equal(["b", "a", "user.name"], template.Variables);
        Assert.Equal(["id", "first name"], template.DataColumns);
    }

    [Theory]
    [InlineData("a ${b", 3, "unclosed '${'")]
    [InlineData("${a ${b}", 1, "unclosed '${'")]
    [InlineData("${}", 1, "empty placeholder")]
    [InlineData("x${  }", 2, "empty placeholder")]
    [InlineData("${foo(1)}", 3, "unknown function 'foo'")]
    [InlineData("${randon(1,2)}", 3, "did you mean 'random'?")]
    [InlineData("${(1,2)}", 3, "expected a function name")]
    [InlineData("${uuid()}", 3, "'uuid' takes no arguments")]
    [InlineData("${random()}", 10, "random takes two arguments")]
    [InlineData("${random(1)}", 10, "random takes two arguments")]
    [InlineData("${random(1,2,3)}", 10, "random takes two arguments")]
    [InlineData("${random(1,)}", 12, "random is missing an argument")]
    [InlineData("${random(a,2)}", 10, "'a' is not a whole number")]
    [InlineData("${random(1, 2.5)}", 13, "'2.5' is not a whole number")]
    [InlineData("${random(2147483648,1)}", 10, "'2147483648' is not a whole number")]
    [InlineData("${random( 5 , 1 )}", 11, "min 5 is greater than its max 1")]
    [InlineData("${random(1,2}", 13, "missing ')'")]
    [InlineData("${random(1,2)x}", 14, "unexpected 'x' after ')'")]
    [InlineData("${user name}", 7, "unexpected ' ' in variable name")]
    [InlineData("${a-b}", 4, "unexpected '-' in variable name")]
    [InlineData("${a..b}", 5, "has an empty part")]
    [InlineData("${.a}", 3, "has an empty part")]
    [InlineData("${env}", 3, "'env' needs the environment variable's name")]
    [InlineData("${env.}", 7, "'env.' needs the environment variable's name")]
    [InlineData("${env.BAD-NAME}", 10, "unexpected '-' in environment variable name")]
    [InlineData("${data}", 3, "'data' needs a column name")]
    [InlineData("${data.}", 8, "'data.' needs a column name")]
    public void Compile_BadPlaceholder_ThrowsWithColumn(string text, int column, string problem)
    {
        var e = Assert.Throws<TemplateSyntaxException>(() => Template.Compile(text));

        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains($"at column {column} (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(")", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingVariable_ThrowsNamingIt()
    {
        var template = Template.Compile("Bearer ${token}");

        var e = Assert.Throws<TemplateRenderException>(() => template.Render(new FakeTemplateScope()));

        Assert.Equal("${token}", e.Placeholder);
        Assert.Equal("variable 'token' is not set (extract it in an earlier step or declare it in vars)", e.Message);
    }

    [Fact]
    public void Render_MissingDataColumn_ThrowsNamingIt()
    {
        var template = Template.Compile("${data.email}");

        var e = Assert.Throws<TemplateRenderException>(() => template.Render(new FakeTemplateScope()));

        Assert.Equal("${data.email}", e.Placeholder);
        Assert.StartsWith("data column 'email' is not in the current row", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RandomOneToThree_StaysInRangeAndHitsBothEnds()
    {
        var template = Template.Compile("${random( 1 , 3 )}");
        var scope = new FakeTemplateScope();
        var counts = new int[4];

        for (var i = 0; i < 10_000; i++)
        {
            var value = int.Parse(template.Render(scope), CultureInfo.InvariantCulture);
            Assert.InRange(value, 1, 3);
            counts[value]++;
        }

        Assert.True(counts[1] > 0 && counts[2] > 0 && counts[3] > 0, $"counts {counts[1]}, {counts[2]}, {counts[3]}");
    }

    [Fact]
    public void Render_RandomSingleValueAndFullRange_Work()
    {
        var scope = new FakeTemplateScope();

        Assert.Equal("-5", Template.Compile("${random(-5,-5)}").Render(scope));
        var full = long.Parse(Template.Compile("${random(-2147483648,2147483647)}").Render(scope), CultureInfo.InvariantCulture);
        Assert.InRange(full, int.MinValue, int.MaxValue);
    }

    [Fact]
    public void Render_Uuid_IsANewGuidEachRender()
    {
        var template = Template.Compile("${uuid}");
        var scope = new FakeTemplateScope();

        var renders = Enumerable.Range(0, 100).Select(_ => template.Render(scope)).ToList();

        Assert.All(renders, r => Guid.ParseExact(r, "D"));
        Assert.Equal(renders.Count, renders.Distinct().Count());
    }

    [Fact]
    public void Render_Now_IsUnixMilliseconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var now = long.Parse(Template.Compile("${now}").Render(new FakeTemplateScope()), CultureInfo.InvariantCulture);

        Assert.InRange(now, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void ToString_IsTheTextAsWritten()
    {
        const string text = "/items/${ data.id }";

        var template = Template.Compile(text);

        Assert.Equal(text, template.Text);
        Assert.Equal(text, template.ToString());
    }
}
