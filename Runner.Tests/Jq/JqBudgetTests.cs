using Runner.Domain.Jq;

namespace Runner.Tests.Jq;

/// <summary>Hostile programs end as a budget error for that evaluation: no hung thread, no StackOverflow, no OOM.</summary>
public class JqBudgetTests
{
    [TestCase("[range(1e9)]")]
    [TestCase("[repeat(.)]")]
    [TestCase("def f: f; f")]
    [TestCase("def f: [f]; f")]
    [TestCase("def f: 1 + f; f")]
    [TestCase("[limit(1e8; repeat(1))]")]
    [TestCase("reduce range(40) as $i (\"ab\"; . + .)")]
    [TestCase("[recurse(. + 1)]")]
    [TestCase("last(range(1e12))")]
    [TestCase("[.[]?] | until(false; .)")]
    [TestCase("reduce range(1e7) as $x ([]; . + [$x])")]
    [TestCase("\"x\" * 1e9")]
    [TestCase(".[1e9] = 1")]
    public void A_runaway_program_raises_a_budget_error(string program)
    {
        var compiled = JqProgram.Compile(program);

        var error = Assert.Throws<JqBudgetException>(() => compiled.Evaluate(JqValue.Null));

        Assert.That(error!.Message, Does.Contain("budget exceeded"));
    }

    [TestCase("[", "]")]
    [TestCase("(", ")")]
    [TestCase("{a:", "}")]
    [TestCase("-", "1")]
    [TestCase(". | ", ".")]
    [TestCase(". // ", ".")]
    [TestCase("try ", ".")]
    [TestCase("\"\\(", ")\"")]
    public void A_program_nested_100000_deep_is_a_compile_error_not_a_crash(string open, string close)
    {
        var program = string.Concat(Enumerable.Repeat(open, 100_000)) + (close == "." || close == "1" ? close : "." + string.Concat(Enumerable.Repeat(close, 100_000)));

        var error = Assert.Throws<JqCompileException>(() => JqProgram.Compile(program));

        Assert.That(error!.Message, Does.Contain("nest"));
    }

    [Test]
    public void A_program_nested_a_hundred_deep_still_compiles_and_runs()
    {
        var compiled = JqProgram.Compile(string.Concat(Enumerable.Repeat("[", 100)) + "." + string.Concat(Enumerable.Repeat("]", 100)) + " | flatten");

        Assert.That(compiled.Evaluate(new JqValue(1.0)).Single().ToString(), Is.EqualTo("[1]"));
    }

    [Test]
    public void A_budget_error_is_not_caught_by_try()
    {
        var compiled = JqProgram.Compile("try [range(1e9)] catch \"caught\"");

        Assert.Throws<JqBudgetException>(() => compiled.Evaluate(JqValue.Null));
    }

    [Test]
    public void Deep_recursion_on_a_small_stack_is_a_budget_error_not_a_crash()
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                JqProgram.Compile("def f: [f]; f").Evaluate(JqValue.Null, new JqRunOptions { Budget = new JqBudget(MaxDepth: 1_000_000) });
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.That(failure, Is.TypeOf<JqBudgetException>());
    }

    [Test]
    public void Tail_recursion_runs_a_million_times_without_growing_the_stack()
    {
        var compiled = JqProgram.Compile("def f: if . < 1e6 then .+1|f else . end; f");

        var output = compiled.Evaluate(new JqValue(0));

        Assert.That(JqJson.Serialize(output.Single()), Is.EqualTo("1000000"));
    }

    [TestCase("[limit(100000; repeat(1))] | length", "100000")]
    [TestCase("[range(200000)] | length", "200000")]
    [TestCase("last(range(1e6))", "999999")]
    [TestCase("0 | until(. >= 1e6; . + 1)", "1000000")]
    [TestCase("[0 | while(. < 1e5; . + 1)] | length", "100000")]
    [TestCase("reduce range(1e6) as $x (0; . + 1)", "1000000")]
    [TestCase("[limit(5; 1 | recurse(. + 1))]", "[1,2,3,4,5]")]
    public void Long_loops_within_the_budget_complete(string program, string expected)
    {
        var output = JqProgram.Compile(program).Evaluate(JqValue.Null);

        Assert.That(JqJson.Serialize(output.Single()), Is.EqualTo(expected));
    }

    [Test]
    public void A_cancelled_evaluation_stops_with_the_token()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = new JqRunOptions { CancellationToken = cancel.Token, Budget = new JqBudget(MaxSteps: long.MaxValue) };

        Assert.Throws<OperationCanceledException>(() => JqProgram.Compile("[range(1e9)]").Evaluate(JqValue.Null, options));
    }

    [Test]
    public void The_same_program_evaluates_again_after_a_budget_error()
    {
        var compiled = JqProgram.Compile("if . then [range(1e9)] else 1 end");

        Assert.Throws<JqBudgetException>(() => compiled.Evaluate(JqValue.True));
        Assert.That(JqJson.Serialize(compiled.Evaluate(JqValue.False).Single()), Is.EqualTo("1"));
    }
}
