using System.Text.Json;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// A JSON body whose text cannot be read (a lone UTF-16 surrogate). <see cref="RelativePath"/> is the
/// place inside the object being read; the serializer adds where that object sits as <see cref="JsonException.Path"/>.
/// </summary>
internal sealed class InvalidJsonTextException(string relativePath, string message) : JsonException(message)
{
    public string RelativePath { get; } = relativePath;
}
