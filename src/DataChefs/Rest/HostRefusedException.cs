namespace HttmOrleans.DataChefs.Rest;

/// <summary>A REST source tried to connect to an address its <see cref="HostPolicy"/> refuses.</summary>
public sealed class HostRefusedException : IOException
{
    public HostRefusedException()
    {
    }

    public HostRefusedException(string message) : base(message)
    {
    }

    public HostRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
