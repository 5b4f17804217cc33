namespace Runner.Domain.Common;

/// <summary>The object does not exist for the caller's tenant (another tenant's object included).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");
