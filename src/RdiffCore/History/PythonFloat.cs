using System.Globalization;

namespace RdiffCore.History;

/// <summary>Python's repr of a float: the shortest digits that read back, "5.0" for whole numbers, an exponent ("1e+16", "1e-05") outside 1e-4 ≤ |x| &lt; 1e16.</summary>
internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        string sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }
        (string digits, int point) = ShortestDigits(Math.Abs(value));
        int exponent = point - 1;
        if (exponent is >= -4 and < 16)
        {
            if (point <= 0)
            {
                return $"{sign}0.{new string('0', -point)}{digits}";
            }
            return point >= digits.Length
                ? $"{sign}{digits}{new string('0', point - digits.Length)}.0"
                : $"{sign}{digits[..point]}.{digits[point..]}";
        }
        string mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
    }

    /// <summary>The shortest round-trip digits (no leading or trailing zeros) and where the decimal point goes.</summary>
    private static (string Digits, int Point) ShortestDigits(double magnitude)
    {
        string text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOfAny(['E', 'e']);
        int exponentShift = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? text : text[..e];
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        int point = (dot < 0 ? mantissa.Length : dot) + exponentShift;
        string digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0').TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point - leading);
    }
}
