using System.Reflection;
using BenchmarkDotNet.Running;

namespace Huntsman.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Huntsman.Bench -- &lt;scenario&gt; [args]` runs a whole-corpus
/// scenario (see <see cref="IScenario"/> implementations); anything else goes to BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var scenarios = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IScenario).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .Select(t => (IScenario)Activator.CreateInstance(t)!)
            .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        if (args.Length > 0 && scenarios.TryGetValue(args[0], out var scenario))
            return scenario.Run(args[1..]);
        if (args.Length > 0 && args[0] == "list")
        {
            foreach (var s in scenarios.Values.OrderBy(s => s.Name)) Console.WriteLine($"{s.Name,-16} {s.Description}");
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

/// <summary>A whole-corpus measurement printed as a table of ratios against a peer tool.</summary>
public interface IScenario
{
    string Name { get; }
    string Description { get; }
    int Run(string[] args);
}
