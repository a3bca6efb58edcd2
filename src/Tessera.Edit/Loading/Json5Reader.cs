using System.Globalization;
using System.Text;
using Tessera.Media;

namespace Tessera.Edit;

/// <summary>
/// Turns JSON5 (what editly specs are written in) into plain JSON: comments, trailing commas, unquoted
/// keys, single-quoted strings, hex numbers, leading/trailing decimal points, a leading '+', and
/// line continuations in strings. Infinity and NaN have no JSON form and are refused with their place.
/// </summary>
public static class Json5Reader
{
    public static string ToJson(string text, string sourceName)
    {
        var parser = new Parser(text, sourceName);
        parser.SkipSpace();
        parser.Value();
        parser.SkipSpace();
        if (!parser.AtEnd) throw parser.Error("unexpected text after the end of the document");
        return parser.Output.ToString();
    }

    private sealed class Parser(string text, string sourceName)
    {
        private int _pos;
        public readonly StringBuilder Output = new(text.Length);

        public bool AtEnd => _pos >= text.Length;
        private char Peek(int ahead = 0) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

        public TesseraError Error(string message)
        {
            int line = 1, col = 1;
            for (var i = 0; i < _pos && i < text.Length; i++)
            {
                if (text[i] == '\n') { line++; col = 1; }
                else col++;
            }
            return new TesseraError($"{sourceName}:{line}:{col}: {message}");
        }

        public void SkipSpace()
        {
            while (!AtEnd)
            {
                var c = Peek();
                if (char.IsWhiteSpace(c) || c == '\uFEFF') _pos++;
                else if (c == '/' && Peek(1) == '/')
                {
                    while (!AtEnd && Peek() != '\n') _pos++;
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    var end = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                    if (end < 0) throw Error("comment is not closed with */");
                    _pos = end + 2;
                }
                else return;
            }
        }

        public void Value()
        {
            if (AtEnd) throw Error("unexpected end of the document; a value was expected");
            var c = Peek();
            switch (c)
            {
                case '{': ObjectValue(); break;
                case '[': ArrayValue(); break;
                case '"' or '\'': StringValue(); break;
                default:
                    if (c is '-' or '+' or '.' || char.IsAsciiDigit(c)) { NumberValue(); break; }
                    var start = _pos;
                    var w = Word();
                    if (w is "true" or "false" or "null") { Output.Append(w); break; }
                    _pos = start; // point the error at the word, not past it
                    if (w is "Infinity" or "NaN") throw Error($"{w} has no JSON equivalent; use a finite number");
                    throw Error(w.Length == 0 ? $"unexpected character '{c}'" : $"unexpected word \"{w}\"");
            }
        }

        private string Word()
        {
            var start = _pos;
            while (!AtEnd && (char.IsLetterOrDigit(Peek()) || Peek() is '_' or '$')) _pos++;
            return text[start.._pos];
        }

        private void ObjectValue()
        {
            _pos++; // {
            Output.Append('{');
            var first = true;
            while (true)
            {
                SkipSpace();
                if (Peek() == '}') { _pos++; break; }
                if (!first)
                {
                    if (Peek() != ',') throw Error("expected ',' or '}' in an object");
                    _pos++;
                    SkipSpace();
                    if (Peek() == '}') { _pos++; break; } // trailing comma
                    Output.Append(',');
                }
                first = false;
                if (Peek() is '"' or '\'') StringValue();
                else
                {
                    var key = Word();
                    if (key.Length == 0) throw Error(AtEnd ? "object is not closed with }" : $"expected a key, found '{Peek()}'");
                    WriteString(key);
                }
                SkipSpace();
                if (Peek() != ':') throw Error("expected ':' after a key");
                _pos++;
                Output.Append(':');
                SkipSpace();
                Value();
            }
            Output.Append('}');
        }

        private void ArrayValue()
        {
            _pos++; // [
            Output.Append('[');
            var first = true;
            while (true)
            {
                SkipSpace();
                if (Peek() == ']') { _pos++; break; }
                if (!first)
                {
                    if (Peek() != ',') throw Error(AtEnd ? "array is not closed with ]" : "expected ',' or ']' in an array");
                    _pos++;
                    SkipSpace();
                    if (Peek() == ']') { _pos++; break; }
                    Output.Append(',');
                }
                first = false;
                Value();
            }
            Output.Append(']');
        }

        private void StringValue()
        {
            var quote = Peek();
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("string is not closed");
                var c = text[_pos++];
                if (c == quote) break;
                if (c == '\n') throw Error("a string may not span lines (end the line with \\ to continue it)");
                if (c != '\\') { sb.Append(c); continue; }
                if (AtEnd) throw Error("string is not closed");
                var e = text[_pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'v': sb.Append('\v'); break;
                    case '0': sb.Append('\0'); break;
                    case '\n': break; // line continuation
                    case '\r': if (Peek() == '\n') _pos++; break;
                    case 'x': sb.Append((char)Hex(2)); break;
                    case 'u': sb.Append((char)Hex(4)); break;
                    default: sb.Append(e); break; // \' \" \\ \/ and any other escaped character
                }
            }
            WriteString(sb.ToString());
        }

        private int Hex(int digits)
        {
            if (_pos + digits > text.Length ||
                !int.TryParse(text.AsSpan(_pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
                throw Error($"bad escape: expected {digits} hex digits");
            _pos += digits;
            return v;
        }

        private void NumberValue()
        {
            var sign = "";
            if (Peek() is '+' or '-') sign = text[_pos++] == '-' ? "-" : "";
            if (Peek() == 'I' || Peek() == 'N')
            {
                var w = Word();
                throw Error($"{sign}{w} has no JSON equivalent; use a finite number");
            }
            if (Peek() == '0' && Peek(1) is 'x' or 'X')
            {
                _pos += 2;
                var start = _pos;
                while (!AtEnd && char.IsAsciiHexDigit(Peek())) _pos++;
                if (_pos == start || !long.TryParse(text.AsSpan(start, _pos - start), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
                    throw Error("bad hexadecimal number");
                Output.Append(sign).Append(hex.ToString(CultureInfo.InvariantCulture));
                return;
            }
            var begin = _pos;
            while (!AtEnd && (char.IsAsciiDigit(Peek()) || Peek() is '.' or 'e' or 'E' ||
                              (Peek() is '+' or '-' && text[_pos - 1] is 'e' or 'E'))) _pos++;
            var raw = text[begin.._pos];
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                throw Error($"bad number \"{sign}{raw}\"");
            // Normalise .5 and 5. (valid JSON5, invalid JSON) without losing integers' exactness.
            if (raw.StartsWith('.')) raw = "0" + raw;
            if (raw.EndsWith('.')) raw += "0";
            raw = raw.Replace(".e", ".0e").Replace(".E", ".0E");
            Output.Append(sign).Append(raw);
        }

        private void WriteString(string s)
        {
            Output.Append(System.Text.Json.JsonSerializer.Serialize(s));
        }
    }
}
