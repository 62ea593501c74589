namespace FacetCL.Diagnostics;

/// <summary>Double-precision dot products and distances over float spans (the metrics accumulate in double).</summary>
public static class VectorMath
{
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (var k = 0; k < a.Length; k++) s += (double)a[k] * b[k];
        return s;
    }

    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = (double)a[k] - b[k];
            s += d * d;
        }
        return s;
    }

    /// <summary>cos(a, b) = a·b / (‖a‖‖b‖), 0 when either is the zero vector.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = Math.Sqrt(Dot(a, a));
        var nb = Math.Sqrt(Dot(b, b));
        return na < 1e-12 || nb < 1e-12 ? 0 : Dot(a, b) / (na * nb);
    }

    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += (double)b[k] * b[k];
        }
        return na < 1e-24 || nb < 1e-24 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return na < 1e-24 || nb < 1e-24 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }
}
