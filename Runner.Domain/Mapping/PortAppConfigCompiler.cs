using Runner.Domain.Mapping.Jq;

namespace Runner.Domain.Mapping;

/// <summary>
/// Compiles a mapping into one <see cref="ResourceMapper"/> per resource. Every jq field is first compiled
/// on its own so a failure names its field; then each resource's combined program is compiled once.
/// </summary>
public static class PortAppConfigCompiler
{
    /// <exception cref="MappingValidationException">Lists every field whose jq does not compile.</exception>
    public static CompiledPortAppConfig Compile(PortAppConfig config)
    {
        var programs = config.Resources.Select(ResourceProgramBuilder.Build).ToList();
        // libjq 1.6 re-parses its builtins on every compile (~10 ms), so fields are checked in parallel.
        var errors = programs.SelectMany(p => p.Fields).AsParallel().AsOrdered()
            .Select(CompileError).OfType<MappingValidationError>().ToList();
        if (errors.Count > 0)
        {
            throw new MappingValidationException(errors);
        }

        var mappers = new List<ResourceMapper>(programs.Count);
        try
        {
            for (var i = 0; i < programs.Count; i++)
            {
                mappers.Add(new ResourceMapper(i, config.Resources[i], CompileCombined(programs[i], i)));
            }
        }
        catch
        {
            mappers.ForEach(m => m.Dispose());
            throw;
        }

        return new CompiledPortAppConfig(config, mappers);
    }

    private static MappingValidationError? CompileError(MappingField field)
    {
        try
        {
            JqProgram.Compile(ResourceProgramBuilder.Standalone(field)).Dispose();
            return null;
        }
        catch (JqCompileException error)
        {
            return new MappingValidationError(field.Path, error.JqMessage);
        }
    }

    // Fields that compile alone can still break the combined program (e.g. unbalanced parentheses).
    private static JqProgram CompileCombined(ResourceProgram program, int index)
    {
        try
        {
            return JqProgram.Compile(program.Text);
        }
        catch (JqCompileException error)
        {
            throw new MappingValidationException([new MappingValidationError($"resources[{index}]", error.JqMessage)]);
        }
    }
}
