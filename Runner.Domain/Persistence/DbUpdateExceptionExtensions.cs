using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Runner.Domain.Persistence;

internal static class DbUpdateExceptionExtensions
{
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
