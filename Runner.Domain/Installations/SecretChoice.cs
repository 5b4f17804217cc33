namespace Runner.Domain.Installations;

/// <summary>How a sensitive setting names its value: an existing Port secret, or a new one made on the spot.</summary>
public abstract record SecretChoice(string Name);

public sealed record ExistingSecret(string Name) : SecretChoice(Name);

public sealed record NewSecret(string Name, string Value) : SecretChoice(Name)
{
    // Records print every property; this one carries a secret value.
    public override string ToString() => $"NewSecret {{ Name = {Name} }}";
}
