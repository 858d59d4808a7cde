using System.Text;
using HttmOrleans.Grains;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Lines of a text stream, each at most <c>maxChars</c> long. StreamReader.ReadLineAsync has no bound: a file
/// without newlines would become one string of its whole size.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxChars)
{
    private readonly char[] _buffer = new char[1 << 14];
    private int _position;
    private int _length;
    private long _line;

    /// <summary>Reads the next line (without its CR/LF) into <paramref name="line"/>; false at the end.</summary>
    public async ValueTask<bool> ReadLineAsync(StringBuilder line, CancellationToken ct)
    {
        line.Clear();
        _line++;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
                _position = 0;
                if (_length == 0) return any;
            }

            any = true;
            var rest = _buffer.AsSpan(_position, _length - _position);
            var end = rest.IndexOf('\n');
            var take = end < 0 ? rest : rest[..end];
            if (line.Length + take.Length > maxChars) throw new ValidationException($"line {_line}", $"Longer than {maxChars} characters.");
            line.Append(take);
            _position += take.Length;
            if (end >= 0)
            {
                _position++;
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                return true;
            }
        }
    }
}
