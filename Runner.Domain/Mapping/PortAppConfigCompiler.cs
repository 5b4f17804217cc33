using Runner.Domain.Jq;

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
        var errors = programs.SelectMany(p => p.Fields).Select(CompileError).OfType<MappingValidationError>().ToList();
        if (errors.Count > 0)
        {
            throw new MappingValidationException(errors);
        }

        var mappers = programs.Select((program, i) => new ResourceMapper(i, config.Resources[i], CompileCombined(program, i))).ToList();
        return new CompiledPortAppConfig(config, mappers);
    }

    private static MappingValidationError? CompileError(MappingField field)
    {
        try
        {
            JqProgram.Compile(ResourceProgramBuilder.Standalone(field));
            return null;
        }
        catch (JqCompileException error)
        {
            return new MappingValidationError(field.Path, error.Message);
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
            throw new MappingValidationException([new MappingValidationError($"resources[{index}]", error.Message)]);
        }
    }
}
