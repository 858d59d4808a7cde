using System.Buffers;
using System.Text;
using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Csv;

/// <summary>
/// A streaming RFC 4180 reader: quoted fields with doubled quotes and embedded newlines,
/// records ended by CR, LF or CRLF in any mix, blank lines skipped. Memory is one buffer and
/// one record, whatever the file size. Malformed records are returned with
/// <see cref="RecordError"/> set, never skipped.
/// </summary>
internal sealed class CsvParser(TextReader reader, char delimiter, char quote, int maxRecordChars = 16 * 1024 * 1024)
{
    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    private readonly char[] _buffer = new char[1 << 16];
    private readonly SearchValues<char> _unquotedStops = SearchValues.Create([delimiter, quote, '\r', '\n']);
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;
    private bool _lastWasCr;

    /// <summary>The line the last record started on (1-based, counting CR, LF and CRLF as one).</summary>
    public long RecordLine { get; private set; }

    /// <summary>Why the last record is malformed, or null.</summary>
    public string? RecordError { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    public async ValueTask<bool> ReadRecordAsync(List<string> fields, CancellationToken cancellationToken)
    {
        fields.Clear();
        _field.Clear();
        RecordError = null;
        var state = State.FieldStart;
        var any = false;
        var recordChars = 0;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0)
                {
                    if (!any)
                    {
                        return false;
                    }

                    if (state == State.Quoted)
                    {
                        RecordError = RejectionReasons.UnterminatedQuote;
                    }

                    fields.Add(_field.ToString());
                    return true;
                }
            }

            var c = _buffer[_position++];
            var afterCr = _lastWasCr;
            _lastWasCr = c == '\r';
            if (c == '\r' || (c == '\n' && !afterCr))
            {
                _line++;
            }

            if (++recordChars > maxRecordChars)
            {
                throw new InvalidDataException(
                    $"The record starting at line {RecordLine} is longer than {maxRecordChars} characters; is a quote left open?");
            }

            switch (state)
            {
                case State.FieldStart or State.Unquoted:
                    if (c is '\r' or '\n')
                    {
                        if (!any)
                        {
                            // A blank line, or the LF of a CRLF that ended the previous record.
                            recordChars = 0;
                            continue;
                        }

                        fields.Add(_field.ToString());
                        return true;
                    }

                    if (!any)
                    {
                        RecordLine = _line;
                        any = true;
                    }

                    if (c == delimiter)
                    {
                        fields.Add(_field.ToString());
                        _field.Clear();
                        state = State.FieldStart;
                    }
                    else if (c == quote && state == State.FieldStart)
                    {
                        state = State.Quoted;
                    }
                    else if (c == quote)
                    {
                        RecordError ??= RejectionReasons.MalformedQuotes;
                        _field.Append(c);
                        state = State.Unquoted;
                    }
                    else
                    {
                        // Take the rest of the plain run at once: a char-at-a-time append was most of the parse.
                        var start = _position - 1;
                        var run = _buffer.AsSpan(_position, _length - _position).IndexOfAny(_unquotedStops);
                        var end = run < 0 ? _length : _position + run;
                        _field.Append(_buffer, start, end - start);
                        recordChars += end - _position;
                        _position = end;
                        if (recordChars > maxRecordChars)
                        {
                            throw new InvalidDataException(
                                $"The record starting at line {RecordLine} is longer than {maxRecordChars} characters; is a quote left open?");
                        }

                        state = State.Unquoted;
                    }

                    break;
                case State.Quoted:
                    if (c == quote)
                    {
                        state = State.QuoteInQuoted;
                    }
                    else
                    {
                        _field.Append(c);
                    }

                    break;
                case State.QuoteInQuoted:
                    if (c == quote)
                    {
                        _field.Append(quote);
                        state = State.Quoted;
                    }
                    else if (c == delimiter)
                    {
                        fields.Add(_field.ToString());
                        _field.Clear();
                        state = State.FieldStart;
                    }
                    else if (c is '\r' or '\n')
                    {
                        fields.Add(_field.ToString());
                        return true;
                    }
                    else
                    {
                        RecordError ??= RejectionReasons.MalformedQuotes;
                        _field.Append(c);
                        state = State.Unquoted;
                    }

                    break;
            }
        }
    }
}
