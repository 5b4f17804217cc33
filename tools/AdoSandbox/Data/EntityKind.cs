namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Salt for ids and deletion hashes; values are fixed so data stays identical across versions.</summary>
internal enum EntityKind : byte
{
    Project = 1,
    Team = 2,
    User = 3,
    Repository = 4,
    Branch = 5,
    Policy = 6,
    PullRequest = 7,
    Pipeline = 8,
    PipelineRun = 9,
    Build = 10,
    ReleaseDefinition = 11,
    Release = 12,
    WorkItem = 13,
    Board = 14,
    Iteration = 15,
    Commit = 16,
    Column = 17,
    Tenant = 18,
    AadObject = 19,
}
