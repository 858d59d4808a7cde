using System.Text;

namespace HttmOrleans.Summarization.Training;

/// <summary>Keeps the last <c>capacity</c> characters of a process's stderr; thread-safe.</summary>
internal sealed class StderrTail(int capacity)
{
    private readonly StringBuilder _buffer = new();
    private readonly Lock _lock = new();

    public void AppendLine(string line)
    {
        lock (_lock)
        {
            _buffer.Append(line).Append('\n');
            if (_buffer.Length > capacity * 2)
                _buffer.Remove(0, _buffer.Length - capacity);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _buffer.Length <= capacity ? _buffer.ToString() : _buffer.ToString(_buffer.Length - capacity, capacity);
        }
    }
}
