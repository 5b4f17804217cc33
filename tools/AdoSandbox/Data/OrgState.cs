using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>One change to a generated object: when, how many revisions it gained, and the values it now has.</summary>
internal sealed record ObjectChange(DateTime At, int Revisions, ImmutableDictionary<string, object?> Values)
{
    public T? Value<T>(string name) => Values.TryGetValue(name, out var value) && value is T typed ? typed : default;
}

internal sealed record CreatedWorkItem(long Id, int Project, string Type, string Title, DateTime At);

internal sealed record PushedBranch(long Repo, string Name, string ObjectId, bool Deleted);

internal sealed record CreatedPullRequest(long Id, int Project, int Repo, string Title, string SourceRefName, DateTime At);

/// <summary>
/// What the control API changed since start: touched, deleted and created objects. Everything else stays a pure
/// function of (seed, kind, index); objects are keyed by (kind, index) where index is the generated one, or
/// id − 1 for objects with integer ids, so created objects (ids past the generated range) use the same keys.
/// </summary>
internal sealed class OrgState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(EntityKind, long), ObjectChange> _changes = new();
    private readonly ConcurrentDictionary<(EntityKind, long), byte> _deleted = new();
    private readonly ConcurrentDictionary<long, CreatedWorkItem> _workItems = new();
    private readonly List<PushedBranch> _branches = [];
    private readonly List<CreatedPullRequest> _pullRequests = [];
    private DateTime _last;
    private long _pushes;
    private int _deletions;

    public static OrgState None { get; } = new(TimeProvider.System);

    /// <summary>Strictly increasing change times, so "changed since the last cursor" never misses a change made
    /// in the same millisecond.</summary>
    public DateTime Now()
    {
        lock (_gate)
        {
            var now = DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime, DateTimeKind.Utc);
            _last = now > _last ? now : _last.AddMilliseconds(1);
            return _last;
        }
    }

    /// <summary>Push ids, which also salt the commits pushes create.</summary>
    public long NextPushId() => Interlocked.Increment(ref _pushes);

    public ObjectChange? Change(EntityKind kind, long index) => _changes.GetValueOrDefault((kind, index));

    public DateTime Changed(EntityKind kind, long index, DateTime generated) =>
        Change(kind, index) is { } change && change.At > generated ? change.At : generated;

    public int Revisions(EntityKind kind, long index) => Change(kind, index)?.Revisions ?? 0;

    public ObjectChange Touch(EntityKind kind, long index, IReadOnlyDictionary<string, object?>? values = null)
    {
        var at = Now();
        return _changes.AddOrUpdate(
            (kind, index),
            _ => new ObjectChange(at, 1, ImmutableDictionary<string, object?>.Empty.SetItems(values ?? ImmutableDictionary<string, object?>.Empty)),
            (_, old) => new ObjectChange(at, old.Revisions + 1, old.Values.SetItems(values ?? ImmutableDictionary<string, object?>.Empty)));
    }

    /// <summary>Called for every generated object the sandbox serves, so the common case (nothing deleted) is one read.</summary>
    public bool IsDeleted(EntityKind kind, long index) => Volatile.Read(ref _deletions) != 0 && _deleted.ContainsKey((kind, index));

    public void Delete(EntityKind kind, long index)
    {
        _deleted[(kind, index)] = 0;
        Interlocked.Increment(ref _deletions);
    }

    public CreatedWorkItem CreateWorkItem(long firstFreeId, int project, string type, string title)
    {
        lock (_gate)
        {
            var id = Math.Max(firstFreeId, _workItems.IsEmpty ? 0 : _workItems.Keys.Max() + 1);
            var item = new CreatedWorkItem(id, project, type, title, Now());
            _workItems[id] = item;
            return item;
        }
    }

    public CreatedWorkItem? CreatedWorkItem(long id) => _workItems.GetValueOrDefault(id);

    public IReadOnlyList<CreatedWorkItem> CreatedWorkItems() => [.. _workItems.Values.OrderBy(item => item.Id)];

    /// <summary>Branches created by pushes, in creation order (deleted ones stay as tombstones so paging tokens,
    /// which are positions, stay valid).</summary>
    public IReadOnlyList<PushedBranch> PushedBranches(long repo)
    {
        lock (_gate)
        {
            return [.. _branches.Where(branch => branch.Repo == repo)];
        }
    }

    public void SetPushedBranch(PushedBranch branch)
    {
        lock (_gate)
        {
            var at = _branches.FindIndex(b => b.Repo == branch.Repo && b.Name == branch.Name);
            if (at < 0)
            {
                _branches.Add(branch);
            }
            else
            {
                _branches[at] = branch;
            }
        }
    }

    public CreatedPullRequest CreatePullRequest(long firstFreeId, int project, int repo, string title, string sourceRefName)
    {
        lock (_gate)
        {
            var id = Math.Max(firstFreeId, _pullRequests.Count == 0 ? 0 : _pullRequests[^1].Id + 1);
            var pr = new CreatedPullRequest(id, project, repo, title, sourceRefName, Now());
            _pullRequests.Add(pr);
            return pr;
        }
    }

    public IReadOnlyList<CreatedPullRequest> CreatedPullRequests()
    {
        lock (_gate)
        {
            return [.. _pullRequests];
        }
    }
}
