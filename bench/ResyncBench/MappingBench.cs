using System.Diagnostics;
using Runner.Domain.Mapping;

namespace Runner.Bench;

/// <summary>
/// Our engine (<see cref="ResourceMapper.Map(ReadOnlySpan{byte}, Runner.Domain.Jq.JqRunOptions?)"/>) on one thread and page by page on all cores
/// as ResourceSync does, against the jq CLI running the same combined program over the same objects.
/// </summary>
public static class MappingBench
{
    public sealed record Result(object Figures, IReadOnlyList<MappedEntity> Entities);

    public static Result Run(RawObjects objects, string work)
    {
        var rows = new List<object>();
        var entities = new List<MappedEntity>();
        double single = 0, parallel = 0, jq = 0;
        var total = 0;
        foreach (var kind in objects.Kinds)
        {
            var mapper = kind.Mapper;
            // Warm-up over every object, which also keeps the entities for the upsert bench. Warmed on 5 pages, the first
            // timed pass still ran tier-0 and instrumented code, and reported half the engine's speed.
            var errors = 0;
            foreach (var item in kind.Pages.SelectMany(p => p))
            {
                var result = mapper.Map(item);
                if (result.IsSuccess)
                {
                    entities.AddRange(result.Entities);
                }
                else
                {
                    errors++;
                }
            }
            // The least of several passes: what the engine costs, not what the machine's other load took from it.
            var singleSeconds = LeastSeconds(() =>
            {
                foreach (var item in kind.Pages.SelectMany(p => p))
                {
                    mapper.Map(item);
                }
            });
            var parallelSeconds = LeastSeconds(() =>
            {
                foreach (var page in kind.Pages)
                {
                    MapParallel(mapper, page);
                }
            });

            var jqSeconds = JqCli.Time(mapper.Program.Text, kind.Pages.SelectMany(p => p), Path.Combine(work, mapper.Resource.Kind));
            Console.Error.WriteLine($"mapped {kind.Objects} {mapper.Resource.Kind}: ours {singleSeconds:F2} s single, {parallelSeconds:F2} s parallel; jq CLI {jqSeconds:F2} s");
            rows.Add(Figures(mapper.Resource.Kind, kind.Objects, singleSeconds, parallelSeconds, jqSeconds, errors));
            (single, parallel, jq, total) = (single + singleSeconds, parallel + parallelSeconds, jq + jqSeconds, total + kind.Objects);
        }
        rows.Add(Figures("all", total, single, parallel, jq, 0));
        return new Result(rows, entities);
    }

    private const int Passes = 3;

    private static double LeastSeconds(Action pass)
    {
        var least = double.MaxValue;
        for (var i = 0; i < Passes; i++)
        {
            var clock = Stopwatch.StartNew();
            pass();
            least = Math.Min(least, clock.Elapsed.TotalSeconds);
        }
        return least;
    }

    // The engine's way (ResourceSync.MapPage): a page's objects mapped on all cores.
    private static void MapParallel(ResourceMapper mapper, byte[][] page)
    {
        var results = new ObjectMappingResult[page.Length];
        Parallel.For(0, page.Length, i => results[i] = mapper.Map(page[i]));
    }

    private static object Figures(string kind, int objects, double single, double parallel, double jq, int errors) => new
    {
        kind,
        objects,
        mappingErrors = errors,
        singleObjectsPerSecond = Math.Round(objects / single),
        parallelObjectsPerSecond = Math.Round(objects / parallel),
        jqCliObjectsPerSecond = Math.Round(objects / jq),
        singleVsJq = Math.Round(jq / single, 2),
        parallelVsJq = Math.Round(jq / parallel, 2),
    };
}
